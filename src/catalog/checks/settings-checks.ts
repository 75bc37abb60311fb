import {Cron} from 'croner'

import type {CategoriesFile, SchedulesFile, TemplateFile} from '../generated/index.js'
import {suggest} from '../did-you-mean.js'
import type {ProductEntry, Report} from './check-context.js'
import {error, warning} from './check-context.js'

/** BigCommerce category limits (category-trees_catalog.v3.yml): names ≤ 50 characters, ≤ 8 levels. */
export const categoryLimits = {nameLength: 50, depth: 8} as const

const declaredCache = new WeakMap<CategoriesFile, Set<string>>()

/** Every declared category path, parents included (`A/B/C` declares `A` and `A/B`). */
export function declaredCategoryPaths(categories: CategoriesFile): Set<string> {
  let declared = declaredCache.get(categories)
  if (declared) return declared
  declared = new Set()
  const sources = categories.mode === 'static' ? Object.keys(categories.static ?? {}) : (categories.categories ?? [])
  for (const raw of sources) {
    const segments = raw.split('/').map((s) => s.trim())
    for (let depth = 1; depth <= segments.length; depth++) declared.add(segments.slice(0, depth).join('/'))
  }
  declaredCache.set(categories, declared)
  return declared
}

export function checkCategories(categories: CategoriesFile, file: string, report: Report): void {
  const check = (raw: string, at: {path: (string | number)[]; target?: 'key'}, seen: Set<string>): void => {
    const segments = raw.split('/').map((s) => s.trim())
    if (segments.some((segment) => segment === ''))
      report(file, error('category/path', `category path ${JSON.stringify(raw)} has an empty segment`, at, 'Write paths like `Apparel/Tops/T-Shirts`, without leading, trailing or double `/`.'))
    if (segments.length > categoryLimits.depth)
      report(file, error('category/depth', `category path ${JSON.stringify(raw)} is ${segments.length} levels deep; at most ${categoryLimits.depth} are allowed`, at))
    for (const segment of segments)
      if (segment.length > categoryLimits.nameLength)
        report(
          file,
          error('category/name-length', `category name ${JSON.stringify(segment)} is ${segment.length} characters; at most ${categoryLimits.nameLength} are allowed`, at),
        )
    const normalized = segments.join('/')
    if (seen.has(normalized)) report(file, warning('category/duplicate', `category path ${JSON.stringify(raw)} is listed twice`, at, 'Remove the repeated line.'))
    seen.add(normalized)
  }
  const listed = new Set<string>()
  categories.categories?.forEach((raw, index) => check(raw, {path: ['categories', index]}, listed))
  const mapped = new Set<string>()
  for (const raw of Object.keys(categories.static ?? {})) check(raw, {path: ['static', raw], target: 'key'}, mapped)
  if (categories.mode === 'static' && (categories.categories?.length ?? 0) > 0) {
    const withIds = declaredCategoryPaths(categories)
    categories.categories?.forEach((raw, index) => {
      if (!withIds.has(raw.split('/').map((s) => s.trim()).join('/')))
        report(file, error('category/static-missing', `category ${JSON.stringify(raw)} has no id under \`static:\``, {path: ['categories', index]}, 'In static mode, map every path to its BigCommerce category id.'))
    })
  }
}

/** Cron and time zones are checked with croner (and the runtime's IANA database through Intl). */
export function checkSchedules(schedules: SchedulesFile, file: string, report: Report): void {
  const names = new Set<string>()
  schedules.jobs?.forEach((job, index) => {
    const path = ['jobs', index]
    if (names.has(job.name)) report(file, error('schedule/duplicate-name', `job name ${JSON.stringify(job.name)} is used twice`, {path: [...path, 'name']}))
    names.add(job.name)
    const fields = job.cron.trim().split(/\s+/)
    let cronProblem: string | undefined
    if (fields.length !== 5) cronProblem = `has ${fields.length} fields; use 5 (minute hour day-of-month month day-of-week)`
    else {
      try {
        new Cron(job.cron, {paused: true})
      } catch (problem) {
        cronProblem = (problem as Error).message.replace(/^CronPattern: /, '')
      }
    }
    if (cronProblem)
      report(file, error('schedule/cron', `cron ${JSON.stringify(job.cron)} is invalid: ${cronProblem}`, {path: [...path, 'cron']}, 'Example: `0 * * * *` runs hourly; see crontab.guru.'))
    const timezone = job.timezone ?? 'UTC'
    if (!isValidTimeZone(timezone)) {
      const guess = suggest(timezone, Intl.supportedValuesOf('timeZone'))
      report(file, error('schedule/timezone', `time zone ${JSON.stringify(timezone)} is not a known IANA time zone`, {path: [...path, 'timezone']}, guess ? `did you mean \`${guess}\`?` : 'Use a name like Europe/Berlin or America/New_York.'))
    }
  })
}

function isValidTimeZone(timezone: string): boolean {
  try {
    new Cron('0 0 * * *', {paused: true, timezone}).nextRun()
    new Intl.DateTimeFormat('en-US', {timeZone: timezone})
    return true
  } catch {
    return false
  }
}

/** Rules that name an attribute no product (or, for variant metafields, no variant) has are warned about. */
export function checkTemplate(template: TemplateFile, products: readonly ProductEntry[], file: string, report: Report): void {
  const productAttributes = new Set<string>()
  const variantAttributes = new Set<string>()
  for (const {product} of products) {
    for (const key of Object.keys(product.attributes ?? {})) productAttributes.add(key)
    for (const variant of product.variants ?? []) for (const key of Object.keys(variant.attributes ?? {})) variantAttributes.add(key)
  }
  const targets = new Map<string, number>()
  template.rules?.forEach((rule, index) => {
    const path = ['rules', index]
    const pool = rule.variant_metafield ? variantAttributes : productAttributes
    if (!pool.has(rule.attribute)) {
      const guess = suggest(rule.attribute, pool)
      report(
        file,
        warning(
          'template/unused-attribute',
          `rule for attribute ${JSON.stringify(rule.attribute)} matches no ${rule.variant_metafield ? 'variant' : 'product'} attribute`,
          {path: [...path, 'attribute']},
          guess ? `did you mean \`${guess}\`?` : 'Remove the rule or add the attribute to a product.',
        ),
      )
    }
    const target = rule.custom_field
      ? `custom field ${rule.custom_field}`
      : rule.metafield
        ? `product metafield ${rule.metafield.namespace}.${rule.metafield.key}`
        : rule.variant_metafield
          ? `variant metafield ${rule.variant_metafield.namespace}.${rule.variant_metafield.key}`
          : undefined
    if (target === undefined) return
    const previous = targets.get(target)
    if (previous !== undefined)
      report(file, error('template/duplicate-target', `rules ${previous + 1} and ${index + 1} both write ${target}`, {path}, 'Each custom field or metafield can hold one attribute.'))
    else targets.set(target, index)
  })
  for (const [field, source] of Object.entries(template.fields ?? {})) {
    if (typeof source !== 'string' || !source.startsWith('attributes.')) continue
    const attribute = source.slice('attributes.'.length)
    if (!productAttributes.has(attribute))
      report(file, warning('template/unused-attribute', `field ${field} maps attribute ${JSON.stringify(attribute)}, which no product has`, {path: ['fields', field]}))
  }
}

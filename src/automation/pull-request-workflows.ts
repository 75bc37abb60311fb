import {
  historyArtifactLines,
  quote,
  setupStepLines,
  storeEnvLines,
  type WorkflowContext,
} from './workflow-context.js'

/** The first line of the workflows `catalogctl init` writes. */
export const INIT_WORKFLOW_MARKER = '# Written by `catalogctl init`'

/** The hidden marker that finds the plan comment of a pull request (one per catalog folder). */
export function planCommentMarker(catalogDir: string): string {
  return `<!-- catalogctl:plan dir=${catalogDir} -->`
}

export const REUSABLE_WORKFLOW = 'catalogctl-catalog.yml'
export const CALLER_WORKFLOW = 'catalogctl-pull-request.yml'

/**
 * The pull-request flow for a catalog repository, as a reusable workflow (`workflow_call`) plus the
 * small workflow that calls it on pull requests and pushes to the main branch.
 *
 * The rule that ties the apply on merge to the plan reviewers saw (dflook/terraform-github-actions'
 * approach, ecosystem.md §A1.3): the PR job saves its plan (`plan --out`) and puts the SHA-256 of its
 * canonical `changes` (jq -cS) in the hidden marker of the PR comment. After the merge, the apply job
 * finds the merged PR of the pushed commit, plans again over the same files (`--changed-since` the
 * previous tip of the branch) and applies that saved plan ONLY when its hash equals the reviewed one;
 * otherwise it fails ("the plan changed since review") and applies nothing. `apply PLANFILE` then
 * re-checks each record's fingerprint against the store before writing. A push without a reviewed PR
 * plan applies nothing.
 */
export function renderReusableWorkflow(context: WorkflowContext): string {
  const marker = planCommentMarker(context.catalogDir)
  const dir = quote(context.catalogDir)
  const lines = [
    `${INIT_WORKFLOW_MARKER}: the pull-request flow of a catalog repository (reusable).`,
    '# On a pull request: validate (annotations + the full list in the job summary) and a plan posted as',
    '# ONE comment, updated in place on every push. After the merge: apply, only if the plan is still the',
    '# one reviewed (same SHA-256 of its changes as in the comment).',
    "name: 'catalogctl catalog'",
    '',
    'on:',
    '  workflow_call:',
    '    inputs:',
    '      catalog-dir:',
    '        type: string',
    `        default: ${dir}`,
    '      environment:',
    '        description: GitHub Environment holding the token that may write (required reviewers, main only)',
    '        type: string',
    `        default: ${context.environment}`,
    '      plan-environment:',
    '        description: GitHub Environment holding a token that may read (plans on pull requests)',
    '        type: string',
    `        default: ${context.environment}-plan`,
    '',
    'permissions: {}',
    '',
    'jobs:',
    '  validate:',
    "    if: github.event_name == 'pull_request'",
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 15',
    '    permissions:',
    '      contents: read',
    '    steps:',
    ...setupStepLines('      '),
    '      - run: npx catalogctl validate --dir "${{ inputs.catalog-dir }}"',
    '      - name: Schedule workflows match schedules.yaml',
    '        run: npx catalogctl schedules render --dir "${{ inputs.catalog-dir }}" --check',
    '',
    '  plan:',
    '    needs: validate',
    '    # Fork PRs get no secrets: they are validated only.',
    "    if: github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository",
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 30',
    '    environment: ${{ inputs.plan-environment }}',
    '    permissions:',
    '      contents: read',
    '      pull-requests: write',
    '    concurrency:',
    '      group: catalogctl-plan-${{ github.event.pull_request.number }}',
    '      cancel-in-progress: true',
    '    env:',
    ...storeEnvLines(context, '      '),
    '      BASE_REF: ${{ github.base_ref }}',
    '      CATALOG_DIR: ${{ inputs.catalog-dir }}',
    '    steps:',
    ...setupStepLines('      '),
    '      - name: Plan',
    '        run: |',
    '          npx catalogctl plan --dir "$CATALOG_DIR" --format markdown --changed-since "origin/$BASE_REF" --out plan.json > plan.md',
    '          echo "PLAN_SHA256=$(jq -cS .changes plan.json | sha256sum | cut -d" " -f1)" >> "$GITHUB_ENV"',
    '      - name: Post the plan (one comment, updated in place)',
    '        uses: actions/github-script@v7',
    '        with:',
    '          script: |',
    "            const fs = require('node:fs')",
    `            const marker = ${JSON.stringify(marker)}`,
    "            let plan = fs.readFileSync('plan.md', 'utf8')",
    '            // GitHub caps a comment at 65,536 characters.',
    "            if (plan.length > 60000) plan = plan.slice(0, 60000) + '\\n\\n…cut; the full plan is in the job summary.'",
    '            const body = `${marker}\\n<!-- catalogctl:plan-sha256=${process.env.PLAN_SHA256} -->\\n${plan}`',
    '            const {owner, repo} = context.repo',
    '            const issue_number = context.issue.number',
    '            const comments = await github.paginate(github.rest.issues.listComments, {owner, repo, issue_number, per_page: 100})',
    "            const mine = comments.filter((c) => c.user?.type === 'Bot' && c.body?.startsWith(marker)).pop()",
    '            if (!mine) await github.rest.issues.createComment({owner, repo, issue_number, body})',
    '            else if (mine.body !== body) await github.rest.issues.updateComment({owner, repo, comment_id: mine.id, body})',
    '      - uses: actions/upload-artifact@v4',
    '        with:',
    '          name: catalogctl-plan-${{ github.event.pull_request.number }}',
    '          path: plan.json',
    '',
    '  apply:',
    "    if: github.event_name == 'push'",
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 120',
    '    environment: ${{ inputs.environment }}',
    '    permissions:',
    '      contents: read',
    '      pull-requests: read',
    '    concurrency:',
    '      # The same group as the schedule workflows: one apply at a time per store, never cancelled.',
    `      group: catalogctl-apply-\${{ vars.${context.storeHashEnv} || github.repository }}`,
    '      cancel-in-progress: false',
    '    env:',
    ...storeEnvLines(context, '      '),
    '      BEFORE: ${{ github.event.before }}',
    '      CATALOG_DIR: ${{ inputs.catalog-dir }}',
    '    steps:',
    ...setupStepLines('      '),
    '      - name: Find the plan reviewed in the merged pull request',
    '        id: reviewed',
    '        uses: actions/github-script@v7',
    '        with:',
    '          script: |',
    `            const marker = ${JSON.stringify(marker)}`,
    '            const {owner, repo} = context.repo',
    '            const {data: pulls} = await github.rest.repos.listPullRequestsAssociatedWithCommit({owner, repo, commit_sha: context.sha})',
    '            const pull = pulls.find((p) => p.merged_at)',
    "            if (!pull) return core.setFailed('No merged pull request for this commit: catalogctl applies only plans reviewed in a pull request.')",
    '            const comments = await github.paginate(github.rest.issues.listComments, {owner, repo, issue_number: pull.number, per_page: 100})',
    '            const comment = comments.filter((c) => c.body?.startsWith(marker)).pop()',
    '            const hash = /catalogctl:plan-sha256=([0-9a-f]{64})/.exec(comment?.body ?? "")?.[1]',
    '            if (!hash) return core.setFailed(`Pull request #${pull.number} has no catalogctl plan comment.`)',
    "            core.setOutput('sha256', hash)",
    "            core.setOutput('pull', String(pull.number))",
    '      - name: Plan again and compare with the reviewed plan',
    '        env:',
    '          REVIEWED: ${{ steps.reviewed.outputs.sha256 }}',
    '          PULL: ${{ steps.reviewed.outputs.pull }}',
    '        run: |',
    '          npx catalogctl plan --dir "$CATALOG_DIR" --format markdown --changed-since "$BEFORE" --out plan.json > /dev/null',
    '          now="$(jq -cS .changes plan.json | sha256sum | cut -d" " -f1)"',
    '          if [ "$now" != "$REVIEWED" ]; then',
    '            echo "::error title=catalogctl::The plan changed since review in #$PULL (store or main moved): nothing applied. Re-run the plan on a new pull request."',
    '            exit 6',
    '          fi',
    '      - name: Apply the reviewed plan',
    '        run: npx catalogctl apply plan.json --dir "$CATALOG_DIR"',
    ...historyArtifactLines('      ', 'catalogctl-history-${{ github.run_id }}'),
  ]
  return `${lines.join('\n')}\n`
}

/** The workflow that runs the reusable one on pull requests and on pushes to the main branch. */
export function renderCallerWorkflow(context: WorkflowContext, mainBranch = 'main'): string {
  const lines = [
    `${INIT_WORKFLOW_MARKER}: plan on pull requests, apply the reviewed plan after the merge.`,
    "name: 'catalogctl'",
    '',
    'on:',
    '  pull_request:',
    `    branches: [${mainBranch}]`,
    `    paths: [${quote(`${context.catalogDir === '.' ? '' : `${context.catalogDir}/`}**`)}]`,
    '  push:',
    `    branches: [${mainBranch}]`,
    `    paths: [${quote(`${context.catalogDir === '.' ? '' : `${context.catalogDir}/`}**`)}]`,
    '',
    'permissions: {}',
    '',
    'jobs:',
    '  catalog:',
    `    uses: ./.github/workflows/${REUSABLE_WORKFLOW}`,
    '    with:',
    `      catalog-dir: ${quote(context.catalogDir)}`,
    '    secrets: inherit',
    '    permissions:',
    '      contents: read',
    '      pull-requests: write',
  ]
  return `${lines.join('\n')}\n`
}

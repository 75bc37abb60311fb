import {describe, expect, it} from 'vitest'

import {planCustomFieldWrites, planImageWrites, planMetafieldWrites} from '../../src/apply/sub-resources.js'

describe('planCustomFieldWrites', () => {
  const live = [
    {name: 'Material', value: 'Cotton'},
    {name: 'Origin', value: 'Portugal'},
  ]
  const ids = {'Material\u0000Cotton': 11, 'Origin\u0000Portugal': 12}

  it('writes nothing when the lists match', () => {
    expect(planCustomFieldWrites(live, ids, [...live])).toEqual({upserts: [], deletes: []})
  })

  it('updates a changed value in place, creates a new name and deletes a removed one', () => {
    const desired = [
      {name: 'Material', value: 'Linen'},
      {name: 'Care', value: 'Wash cold'},
    ]
    expect(planCustomFieldWrites(live, ids, desired)).toEqual({
      upserts: [
        {id: 11, name: 'Material', value: 'Linen'},
        {name: 'Care', value: 'Wash cold'},
      ],
      deletes: [12],
    })
  })
})

describe('planImageWrites', () => {
  const a = {url: 'https://cdn.example.com/a.jpg', alt: 'A'}
  const b = {url: 'https://cdn.example.com/b.jpg', alt: 'B'}
  const c = {url: 'https://cdn.example.com/c.jpg', alt: 'C'}

  it('keeps matching images untouched', () => {
    const writes = planImageWrites([a, b], [1, 2], [a, b])
    expect(writes).toMatchObject({creates: [], updates: [], deletes: []})
    expect([...writes.keptIds]).toEqual([
      [0, 1],
      [1, 2],
    ])
  })

  it('reorders by position, adds new URLs and removes dropped ones', () => {
    const writes = planImageWrites([a, b], [1, 2], [b, c])
    expect(writes.deletes).toEqual([1])
    expect(writes.updates).toEqual([
      {imageId: 2, index: 0, body: {description: 'B', is_thumbnail: true, sort_order: 0}},
    ])
    expect(writes.creates).toEqual([
      {index: 1, body: {image_url: c.url, description: 'C', is_thumbnail: false, sort_order: 1}},
    ])
  })

  it('updates the alt text of a kept image', () => {
    const writes = planImageWrites([a], [1], [{...a, alt: 'New'}])
    expect(writes.updates).toEqual([
      {imageId: 1, index: 0, body: {description: 'New', is_thumbnail: true, sort_order: 0}},
    ])
  })
})

describe('planMetafieldWrites', () => {
  it('creates, updates and deletes by namespace and key', () => {
    const live = [
      {namespace: 'specs', key: 'gsm', value: '180'},
      {namespace: 'specs', key: 'old', value: 'x'},
    ]
    const ids = {'specs\u0000gsm': 5, 'specs\u0000old': 6}
    const desired = [
      {namespace: 'specs', key: 'gsm', value: '200'},
      {namespace: 'specs', key: 'fit', value: 'slim'},
    ]
    expect(planMetafieldWrites(live, ids, desired)).toEqual({
      creates: [{namespace: 'specs', key: 'fit', value: 'slim'}],
      updates: [{id: 5, value: '200'}],
      deletes: [6],
    })
  })
})

import {describe, expect, it} from 'vitest'

import {clientFromEnvironment, credentialsFromEnvironment} from '../../src/bigcommerce/index.js'
import {UserError} from '../../src/errors/user-error.js'

function thrown(fn: () => unknown): UserError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return error as UserError
  }
  throw new Error('expected a UserError')
}

describe('clientFromEnvironment', () => {
  it('names the missing variable and exits 5', () => {
    const error = thrown(() => clientFromEnvironment({}, {BIGCOMMERCE_STORE_HASH: 'abc'}))
    expect(error.message).toBe('BIGCOMMERCE_ACCESS_TOKEN is not set')
    expect(error.exitCode).toBe(5)
    expect(error.code).toBe('auth.missing-credentials')
  })

  it('uses the names from catalogctl.yaml', () => {
    const error = thrown(() =>
      clientFromEnvironment({storeHashEnv: 'SHOP_HASH', accessTokenEnv: 'SHOP_TOKEN'}, {}),
    )
    expect(error.message).toBe('SHOP_HASH and SHOP_TOKEN are not set')
  })

  it('defaults the API URL and rejects a non-http one', () => {
    expect(
      credentialsFromEnvironment({}, {BIGCOMMERCE_STORE_HASH: 'h', BIGCOMMERCE_ACCESS_TOKEN: 'tok-123'})
        .baseUrl,
    ).toBe('https://api.bigcommerce.com')
    const error = thrown(() =>
      credentialsFromEnvironment(
        {},
        {BIGCOMMERCE_STORE_HASH: 'h', BIGCOMMERCE_ACCESS_TOKEN: 't', BIGCOMMERCE_API_URL: 'ftp://x'},
      ),
    )
    expect(error.message).toBe('BIGCOMMERCE_API_URL is not an http(s) URL')
  })

  it('builds a client for the named store', () => {
    const client = clientFromEnvironment(
      {},
      {
        BIGCOMMERCE_STORE_HASH: 'h1',
        BIGCOMMERCE_ACCESS_TOKEN: 'tok-123',
        BIGCOMMERCE_API_URL: 'http://127.0.0.1:1/',
      },
    )
    expect(client.storeHash).toBe('h1')
  })
})

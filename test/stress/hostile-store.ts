import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type {AddressInfo} from 'node:net'

/**
 * A loopback proxy in front of a sandbox that answers one route with something a broken store, a proxy or
 * a load balancer could send: the rest of the store stays real, so the CLI gets as far as that answer.
 */
export type Corruption = (answer: {status: number; body: string; res: ServerResponse}) => boolean

export interface HostileStore {
  url: string
  /** Requests matching `route` (a path regex, query included) are answered through `corrupt`. */
  corrupt(route: RegExp | undefined, corruption?: Corruption): void
  /** Requests the proxy saw, method and path. */
  seen: string[]
  stop(): Promise<void>
}

export async function startHostileStore(target: string): Promise<HostileStore> {
  const upstream = new URL(target)
  let route: RegExp | undefined
  let corruption: Corruption | undefined
  const seen: string[] = []
  const open = new Set<ServerResponse>()
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    open.add(res)
    res.on('close', () => open.delete(res))
    seen.push(`${req.method ?? ''} ${req.url ?? ''}`)
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          const body: Buffer[] = []
          answer.on('data', (chunk: Buffer) => body.push(chunk))
          answer.on('end', () => {
            const text = Buffer.concat(body).toString('utf8')
            if (
              route?.test(req.url ?? '') &&
              corruption?.({status: answer.statusCode ?? 500, body: text, res})
            )
              return
            res.writeHead(answer.statusCode ?? 500, answer.headers)
            res.end(text)
          })
        },
      )
      forward.on('error', () => res.destroy())
      forward.end(Buffer.concat(chunks))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    corrupt: (next, how) => {
      route = next
      corruption = how
    },
    stop: async () => {
      for (const res of open) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

const json = {'content-type': 'application/json'}

/** Rewrites the JSON body with `edit` (status kept). */
export const editJson =
  (edit: (body: Record<string, unknown>) => unknown): Corruption =>
  ({status, body, res}) => {
    res.writeHead(status, json)
    res.end(JSON.stringify(edit(JSON.parse(body) as Record<string, unknown>)))
    return true
  }

/** Every product in the page gets `field: value`. */
export const productField = (field: string, value: unknown): Corruption =>
  editJson((body) => ({
    ...body,
    data: (body['data'] as Record<string, unknown>[]).map((item) => ({...item, [field]: value})),
  }))

export const truncated: Corruption = ({status, body, res}) => {
  res.writeHead(status, json)
  res.end(body.slice(0, Math.floor(body.length / 2)))
  return true
}

export const htmlPage =
  (status: number): Corruption =>
  ({res}) => {
    res.writeHead(status, {'content-type': 'text/html'})
    res.end(
      '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
    )
    return true
  }

/** Headers and the start of the body, then nothing, ever: the client's timeout must end it. */
export const neverEnds: Corruption = ({status, body, res}) => {
  res.writeHead(status, json)
  res.write(body.slice(0, 20))
  return true
}

/** A page that claims there are always more pages. */
export const endlessPages = editJson((body) => ({
  ...body,
  meta: {
    pagination: {
      total: 1e9,
      count: 1,
      per_page: 1,
      current_page: 1,
      total_pages: 1e9,
      links: {next: '?page=2&limit=1'},
    },
  },
}))

export const withoutMeta = editJson((body) => ({data: body['data']}))

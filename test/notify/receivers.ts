import {createServer, type IncomingHttpHeaders, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

import {SMTPServer} from 'smtp-server'

export interface ReceivedMail {
  from: string
  to: string[]
  user: string | undefined
  raw: string
}

/** A local SMTP server on 127.0.0.1 that requires a login and keeps every message. */
export async function startSmtpReceiver(credentials: {user: string; pass: string}) {
  const mails: ReceivedMail[] = []
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass)
        return callback(null, {user: auth.username})
      return callback(new Error('Invalid username or password'))
    },
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw: decodeQuotedPrintable(raw),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    mails,
    url: `smtp://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export interface ReceivedPost {
  headers: IncomingHttpHeaders
  body: unknown
}

/** A local JSON webhook receiver on 127.0.0.1; `status` is what it answers. */
export async function startWebhookReceiver() {
  const posts: ReceivedPost[] = []
  const state = {status: 200}
  const server: Server = createServer((request, response) => {
    let text = ''
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
    request.on('end', () => {
      posts.push({headers: request.headers, body: JSON.parse(text) as unknown})
      response.writeHead(state.status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    posts,
    state,
    url: `http://127.0.0.1:${port}/hooks/catalog`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The body as text: nodemailer sends non-ASCII text quoted-printable (soft line breaks, =XX bytes). */
function decodeQuotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, '')
  return Buffer.from(
    joined.replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8')
}

import { createConnection, createServer, type Server, type Socket } from 'node:net'

/** What the proxy does to the next connections (and to none already open: they are dropped). */
export type Fault =
  | { kind: 'none' }
  | { kind: 'refuse' }
  | { kind: 'reset-mid-response' }
  | { kind: 'stall' }
  | { kind: 'slow'; bytesPerSecond: number }
  | { kind: 'status'; status: number; code: string; message?: string }
  | { kind: 'truncate'; afterBytes: number }

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: use it as a profile's endpoint. */
  url: string
  port: number
  setFault(fault: Fault): void
  close(): Promise<void>
}

const HEADER_END = Buffer.from('\r\n\r\n')

/**
 * A TCP proxy on 127.0.0.1 in front of `target` (Swift in the tests) that breaks the traffic on
 * demand, the way real networks and real S3 do: refused connects, resets, silence, a trickle,
 * S3 error answers, cut-off bodies.
 *
 * A fault applies per connection, from the moment the connection is accepted; changing the fault
 * drops every open connection so that a client's keep-alive pool cannot carry the old behaviour
 * into the next call.
 */
export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let fault: Fault = { kind: 'none' }
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let server: Server | null = null
  let closed = false

  function track(socket: Socket): Socket {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    // A peer that goes away mid-fault is expected; an unhandled 'error' would crash the test run.
    socket.on('error', () => {})
    return socket
  }

  function dropAll(): void {
    for (const socket of sockets) socket.destroy()
    sockets.clear()
    for (const timer of timers) clearInterval(timer)
    timers.clear()
  }

  function upstream(client: Socket, onData: (chunk: Buffer, remote: Socket) => void): Socket {
    const remote = track(createConnection({ host: target.host, port: target.port }))
    client.on('data', (chunk) => remote.write(chunk))
    client.on('close', () => remote.destroy())
    remote.on('data', (chunk) => onData(chunk, remote))
    remote.on('close', () => {
      if (!client.destroyed) client.end()
    })
    return remote
  }

  function onConnection(client: Socket): void {
    track(client)
    const current = fault
    switch (current.kind) {
      case 'none':
        upstream(client, (chunk) => client.write(chunk))
        return
      case 'refuse':
        // Only reached by a connect accepted just before the listener closed.
        client.destroy()
        return
      case 'stall':
        // Read and discard so the client's request completes; answer nothing, ever.
        client.on('data', () => {})
        return
      case 'status':
        answerWithError(client, current)
        return
      case 'reset-mid-response':
        resetMidResponse(client)
        return
      case 'truncate':
        truncate(client, current.afterBytes)
        return
      case 'slow':
        trickle(client, current.bytesPerSecond)
        return
    }
  }

  function answerWithError(
    client: Socket,
    { status, code, message }: { status: number; code: string; message?: string }
  ): void {
    let head = Buffer.alloc(0)
    let answered = false
    client.on('data', (chunk) => {
      if (answered) return
      head = Buffer.concat([head, chunk])
      if (head.indexOf(HEADER_END) < 0) return
      answered = true
      const method = head.subarray(0, head.indexOf(' ')).toString('latin1')
      const body =
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<Error><Code>${code}</Code><Message>${message ?? `Injected ${code}`}</Message>` +
        '<RequestId>fault-proxy</RequestId></Error>'
      const headers = [
        `HTTP/1.1 ${status} ${code}`,
        'Content-Type: application/xml',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'x-amz-request-id: fault-proxy',
        'Connection: close',
        '',
        ''
      ].join('\r\n')
      // A HEAD answer has no body; writing one would corrupt the client's parser.
      client.end(method === 'HEAD' ? headers : headers + body)
    })
  }

  /** Calls `onBody` with the response's head once complete, then with each piece of body. */
  function splitResponse(
    client: Socket,
    onHead: (head: Buffer, remote: Socket) => void,
    onBody: (body: Buffer, remote: Socket) => void
  ): void {
    let pending: Buffer | null = Buffer.alloc(0)
    upstream(client, (chunk, remote) => {
      if (pending === null) {
        onBody(chunk, remote)
        return
      }
      pending = Buffer.concat([pending, chunk])
      const end = pending.indexOf(HEADER_END)
      if (end < 0) return
      const head = pending.subarray(0, end + HEADER_END.length)
      const body = pending.subarray(end + HEADER_END.length)
      pending = null
      onHead(head, remote)
      if (body.length > 0 && !client.destroyed) onBody(body, remote)
    })
  }

  function resetMidResponse(client: Socket): void {
    splitResponse(
      client,
      (head, remote) => {
        // The client sees a response begin (its status line and headers), then a reset.
        client.write(head)
        remote.destroy()
        client.resetAndDestroy()
      },
      () => {}
    )
  }

  function truncate(client: Socket, afterBytes: number): void {
    let left = afterBytes
    splitResponse(
      client,
      (head) => client.write(head),
      (body, remote) => {
        if (left <= 0) return
        const piece = body.subarray(0, left)
        left -= piece.length
        client.write(piece)
        if (left <= 0) {
          remote.destroy()
          client.end()
        }
      }
    )
  }

  function trickle(client: Socket, bytesPerSecond: number): void {
    const tickMs = Math.max(10, Math.floor(1_000 / Math.max(bytesPerSecond, 0.001)))
    const perTick = Math.max(1, Math.round((bytesPerSecond * tickMs) / 1_000))
    let queue = Buffer.alloc(0)
    let upstreamDone = false
    const timer = setInterval(() => {
      if (client.destroyed) {
        clearInterval(timer)
        timers.delete(timer)
        return
      }
      if (queue.length > 0) {
        client.write(queue.subarray(0, perTick))
        queue = queue.subarray(perTick)
      }
      if (queue.length === 0 && upstreamDone) {
        clearInterval(timer)
        timers.delete(timer)
        client.end()
      }
    }, tickMs)
    timers.add(timer)
    const remote = track(createConnection({ host: target.host, port: target.port }))
    client.on('data', (chunk) => remote.write(chunk))
    client.on('close', () => remote.destroy())
    remote.on('data', (chunk) => {
      queue = Buffer.concat([queue, chunk])
    })
    remote.on('close', () => {
      upstreamDone = true
    })
  }

  async function listen(port: number): Promise<number> {
    const next = createServer(onConnection)
    server = next
    return new Promise((resolve, reject) => {
      next.once('error', reject)
      next.listen(port, '127.0.0.1', () => {
        next.off('error', reject)
        const address = next.address()
        resolve(typeof address === 'object' && address !== null ? address.port : port)
      })
    })
  }

  function stopListening(): Promise<void> {
    const current = server
    server = null
    if (current === null) return Promise.resolve()
    return new Promise((resolve) => current.close(() => resolve()))
  }

  const port = await listen(0)

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setFault(next: Fault): void {
      if (closed) throw new Error('The fault proxy is closed')
      fault = next
      dropAll()
      if (next.kind === 'refuse') {
        void stopListening()
      } else if (server === null) {
        // Bound on the next tick (the host is an IP literal), before any client can connect.
        void listen(port).catch((error: unknown) => {
          throw new Error(`The fault proxy could not listen on ${port} again: ${String(error)}`)
        })
      }
    },
    async close(): Promise<void> {
      closed = true
      dropAll()
      await stopListening()
    }
  }
}

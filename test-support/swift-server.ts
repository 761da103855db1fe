import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePorts } from './free-ports'

const run = promisify(execFile)

/**
 * A real S3 server for tests: OpenStack Swift with its s3api middleware, on loopback.
 *
 * Unlike the fake S3 servers on npm it verifies SigV4 signatures and expiry, so a test of a
 * pre-signed URL against it proves something. One storage node; one proxy per `location`,
 * all over the same storage, so a second location shows what a wrong-region signature does.
 */
export interface SwiftServer {
  /** location (region) -> 'http://127.0.0.1:PORT' */
  endpoints: Record<string, string>
  /** The first location's endpoint. */
  endpoint: string
  accessKeyId: string
  secretAccessKey: string
  stop(): Promise<void>
}

export interface SwiftServerOptions {
  locations?: string[]
}

export const SWIFT_ACCESS_KEY_ID = 'test:tester'
// Distinctive, so a test can search the renderer's traffic for it.
export const SWIFT_SECRET_ACCESS_KEY = 'swift-secret-s3sm-7f3a9c'

const STORAGE_SERVERS = ['object', 'container', 'account'] as const

/** Pipeline filter name -> Swift entry point. The `cache` filter works without memcached. */
const PROXY_FILTERS: Record<string, string> = {
  catch_errors: 'catch_errors',
  gatekeeper: 'gatekeeper',
  healthcheck: 'healthcheck',
  'proxy-logging': 'proxy_logging',
  cache: 'memcache',
  listing_formats: 'listing_formats',
  copy: 'copy',
  slo: 'slo',
  dlo: 'dlo',
  versioned_writes: 'versioned_writes',
  symlink: 'symlink'
}

/**
 * Options of proxy filters. `allow_object_versioning` (with `symlink` after it) is what s3api's
 * PutBucketVersioning needs: without it Swift answers NotImplemented.
 */
const PROXY_FILTER_OPTIONS: Record<string, string[]> = {
  versioned_writes: ['allow_object_versioning = true']
}

export async function startSwiftServer(options: SwiftServerOptions = {}): Promise<SwiftServer> {
  const locations = options.locations ?? ['us-east-1']
  if (locations.length === 0) throw new Error('startSwiftServer needs at least one location')

  const root = await mkdtemp(join(tmpdir(), 's3sm-swift-'))
  const devices = join(root, 'devices')
  await mkdir(join(devices, 'd1'), { recursive: true })
  const ports = await freePorts(STORAGE_SERVERS.length + locations.length)
  const storagePorts = Object.fromEntries(STORAGE_SERVERS.map((name, i) => [name, ports[i]!]))
  const proxyPorts = ports.slice(STORAGE_SERVERS.length)

  for (const name of STORAGE_SERVERS) {
    const builder = join(root, `${name}.builder`)
    await run('swift-ring-builder', [builder, 'create', '10', '1', '1'])
    await run('swift-ring-builder', [
      builder,
      'add',
      `r1z1-127.0.0.1:${storagePorts[name]}/d1`,
      '1'
    ])
    await run('swift-ring-builder', [builder, 'rebalance'])
  }

  const common = [
    '[DEFAULT]',
    `swift_dir = ${root}`,
    `devices = ${devices}`,
    'mount_check = false',
    'bind_ip = 127.0.0.1',
    'workers = 0',
    'user = root',
    'log_level = WARNING'
  ]
  const configs: string[] = []
  for (const name of STORAGE_SERVERS) {
    const file = join(root, `${name}-server.conf`)
    await writeFile(
      file,
      [
        ...common,
        `bind_port = ${storagePorts[name]}`,
        '',
        '[pipeline:main]',
        `pipeline = ${name}-server`,
        '',
        `[app:${name}-server]`,
        `use = egg:swift#${name}`,
        '',
        `[${name}-replicator]`,
        `[${name}-updater]`,
        `[${name}-auditor]`,
        ''
      ].join('\n')
    )
    configs.push(file)
  }
  for (const [i, location] of locations.entries()) {
    const file = join(root, `proxy-server-${i}.conf`)
    await writeFile(
      file,
      [
        ...common,
        `bind_port = ${proxyPorts[i]}`,
        '',
        '[pipeline:main]',
        'pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth copy slo dlo versioned_writes symlink proxy-logging proxy-server',
        '',
        '[app:proxy-server]',
        'use = egg:swift#proxy',
        'account_autocreate = true',
        '',
        '[filter:s3api]',
        'use = egg:swift#s3api',
        `location = ${location}`,
        '',
        '[filter:tempauth]',
        'use = egg:swift#tempauth',
        `user_test_tester = ${SWIFT_SECRET_ACCESS_KEY} .admin`,
        '',
        ...Object.entries(PROXY_FILTERS).flatMap(([filter, egg]) => [
          `[filter:${filter}]`,
          `use = egg:swift#${egg}`,
          ...(PROXY_FILTER_OPTIONS[filter] ?? []),
          ''
        ])
      ].join('\n')
    )
    configs.push(file)
  }

  const children: ChildProcess[] = []
  const logs: string[] = []
  const stop = async () => {
    // The servers call setsid(), so they are stopped one by one by their own pids.
    await Promise.all(children.map((child) => stopChild(child)))
    await rm(root, { recursive: true, force: true })
  }

  try {
    for (const [i, config] of configs.entries()) {
      const binary =
        i < STORAGE_SERVERS.length ? `swift-${STORAGE_SERVERS[i]}-server` : 'swift-proxy-server'
      const child = spawn('/usr/bin/python3', [`/usr/bin/${binary}`, config], {
        stdio: ['ignore', 'pipe', 'pipe']
      })
      child.stdout?.on('data', (chunk: Buffer) => keepTail(logs, chunk))
      child.stderr?.on('data', (chunk: Buffer) => keepTail(logs, chunk))
      children.push(child)
    }
    await Promise.all(ports.map((port) => waitForPort(port, 90_000, children)))
    // Listening is not the same as ready: wait until the proxies answer a signed-free request.
    await Promise.all(proxyPorts.map((port) => waitForHealthcheck(port, 90_000)))
  } catch (error) {
    await stop()
    throw new Error(
      `Swift did not start: ${(error as Error).message}\n${logs.join('').slice(-4000)}`,
      { cause: error }
    )
  }

  const endpoints = Object.fromEntries(
    locations.map((location, i) => [location, `http://127.0.0.1:${proxyPorts[i]}`])
  )
  return {
    endpoints,
    endpoint: endpoints[locations[0]!]!,
    accessKeyId: SWIFT_ACCESS_KEY_ID,
    secretAccessKey: SWIFT_SECRET_ACCESS_KEY,
    stop
  }
}

function keepTail(logs: string[], chunk: Buffer): void {
  logs.push(chunk.toString())
  if (logs.length > 200) logs.splice(0, logs.length - 200)
}

async function waitForPort(
  port: number,
  timeoutMs: number,
  children: ChildProcess[]
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const exited = children.find((child) => child.exitCode !== null)
    if (exited) throw new Error(`a Swift server exited with code ${exited.exitCode}`)
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`port ${port} did not open within ${timeoutMs} ms`)
}

async function waitForHealthcheck(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthcheck`)
      if (response.ok) return
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`proxy on ${port} did not pass its healthcheck within ${timeoutMs} ms`)
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

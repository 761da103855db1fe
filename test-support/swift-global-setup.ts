import type { TestProject } from 'vitest/node'
import { startSwiftServer } from './swift-server'

export interface SwiftConnection {
  endpoints: Record<string, string>
  endpoint: string
  accessKeyId: string
  secretAccessKey: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    swift: SwiftConnection
  }
}

/** One Swift server for every integration test file; each file uses its own buckets. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startSwiftServer({ locations: ['us-east-1', 'eu-west-2'] })
  project.provide('swift', {
    endpoints: server.endpoints,
    endpoint: server.endpoint,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey
  })
  return () => server.stop()
}

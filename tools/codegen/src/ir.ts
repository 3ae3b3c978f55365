import type { Json } from './load-spec.ts'

/** A JSON Schema object as the spec writes it. */
export type Schema = { [key: string]: Json }

export interface ErrorCodeIR {
  code: string
  description: string
  descriptionJa?: string
  /** The service refused the call before running the action: safe to retry any action. */
  refused?: boolean
  /** A passing failure: worth retrying an idempotent action. */
  transient?: boolean
}

export interface PaginationIR {
  limit: string
  offset: string
  total: string
  items: string
  defaultLimit: number
  maxLimit: number | undefined
  /** Schema name of one item, e.g. RedisBackupSet. */
  itemSchema: string
}

export interface ActionIR {
  name: string
  /** camelCase method name, e.g. describeInstanceBackups. */
  method: string
  summary: string
  description: string
  descriptionJa: string | undefined
  idempotent: boolean
  rateLimitPerSecond: number
  pagination: PaginationIR | undefined
  errors: ErrorCodeIR[]
  requestSchema: string
  responseSchema: string
  requestExample: Json | undefined
  responseExample: Json | undefined
}

export interface ServiceIR {
  name: string
  version: string
  title: string
  maxClockSkewSeconds: number
  hosts: { default: string; regional: string; intl: string }
  regions: string[]
  financialRegions: string[]
  commonErrors: ErrorCodeIR[]
}

/** Everything the emitters need, checked and sorted so that output never depends on input order. */
export interface SpecIR {
  specName: string
  service: ServiceIR
  actions: ActionIR[]
  schemas: Record<string, Schema>
  /** The document as parsed, for openapi-typescript. */
  document: { [key: string]: Json }
}

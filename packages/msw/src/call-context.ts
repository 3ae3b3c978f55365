import type { MockState } from './state/mock-state.ts'

/** What an action implementation gets besides its validated input. */
export interface CallContext {
  readonly state: MockState
  /** The mock clock's time when the call arrived, epoch milliseconds. */
  readonly now: number
  readonly region: string
  readonly requestId: string
  /** The verified caller, when signatures are checked. */
  readonly secretId: string | undefined
}

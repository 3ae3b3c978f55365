/** Thrown by an action implementation to answer a Tencent error envelope with this code and message. */
export class MockApiError extends Error {
  override readonly name = 'MockApiError'
  readonly code: string

  constructor(code: string, message: string) {
    super(message)
    this.code = code
  }
}

/** A problem in the spec, located in its file. The CLI prints it as `file:line:column error [rule] message`. */
export class SpecError extends Error {
  override readonly name = 'SpecError'
  readonly file: string
  readonly line: number
  readonly column: number
  readonly rule: string
  readonly detail: string
  constructor(file: string, line: number, column: number, rule: string, detail: string) {
    super(`${file}:${line}:${column} error [${rule}] ${detail}`)
    this.file = file
    this.line = line
    this.column = column
    this.rule = rule
    this.detail = detail
  }
}

/** Several problems at once, so one run shows everything that is wrong. */
export class SpecErrors extends Error {
  override readonly name = 'SpecErrors'
  readonly errors: SpecError[]
  constructor(errors: SpecError[]) {
    super(errors.map((e) => e.message).join('\n'))
    this.errors = errors
  }
}

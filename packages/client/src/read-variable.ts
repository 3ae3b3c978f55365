type Env = Readonly<Record<string, string | undefined>>

/**
 * One environment variable: undefined where it is unset, and also where the runtime refuses the read (Deno throws
 * NotCapable for a variable its --allow-env does not grant). A refused name is added to `refused`, for the message
 * of whoever needed it.
 */
export function readVariable(env: Env | undefined, name: string, refused?: string[]): string | undefined {
  try {
    return env?.[name]
  } catch {
    refused?.push(name)
  }
}

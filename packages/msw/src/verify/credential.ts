/** A key pair the mock accepts; with `token`, calls must carry it (temporary credentials). */
export interface Credential {
  secretId: string
  secretKey: string
  token?: string
}

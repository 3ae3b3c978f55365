import { signTc3 as sign, type Tc3Signature, type Tc3SignInput } from '@crs-kit/core'
import { assertCanSign } from '#runtime'
import { ConfigurationError } from './errors.ts'

const refused = (error: unknown): never => {
  throw error instanceof TypeError ? new ConfigurationError(error.message, { cause: error }) : error
}

/**
 * core's signTc3, with its refusals of bad input (a timestamp in milliseconds, a missing host or secret) as the
 * client's ConfigurationError, so that every error the client's exports throw extends CrsKitError. Synchronous
 * on Node, a Promise with WebCrypto: `await` it either way.
 */
export function signTc3(input: Tc3SignInput): Tc3Signature | Promise<Tc3Signature> {
  try {
    assertCanSign()
    const signature = sign(input)
    return signature instanceof Promise ? signature.catch(refused) : signature
  } catch (error) {
    return refused(error)
  }
}

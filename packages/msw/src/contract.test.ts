import { actionNames, readResponse } from '@crs-kit/core'
import { describe, expect, it } from 'vitest'
import { actionImplementations } from './action-implementations.ts'
import { createMockService } from './create-mock-service.ts'
import { implementedActions } from './generated/actions.gen.ts'
import { examples } from './generated/fixtures.gen.ts'
import { envelope } from './test-requests.fixture.ts'

// The mock against the contract it is generated from: every action implemented, and each spec example
// request answered with the example response (the seed state is the seed sample).

function exampleCall(action: string, input: unknown): Request {
  return new Request('https://redis.tencentcloudapi.com/', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-TC-Action': action,
      'X-TC-Version': '2018-04-12',
      'X-TC-Region': 'ap-guangzhou',
    },
    body: JSON.stringify(input),
  })
}

describe('the contract', () => {
  it('is implemented action for action', () => {
    expect([...implementedActions].sort()).toEqual([...actionNames].sort())
    const missing = actionNames.filter((a) => !Object.hasOwn(actionImplementations, a))
    expect(
      missing,
      'actions of the spec without a mock implementation in src/action-implementations.ts',
    ).toEqual([])
    expect(Object.keys(actionImplementations).sort()).toEqual([...actionNames].sort())
  })

  it.each(implementedActions)(
    'answers the example request of %s like its example response',
    async (action) => {
      const service = createMockService({ rateLimit: false })
      const answer = await envelope(
        (await service.handle(exampleCall(action, examples[action].request))) as Response,
      )
      expect(answer.Error).toBeUndefined()
      // What @crs-kit/client reads: the answer has the contract's shape.
      expect(() => readResponse(action, answer)).not.toThrow()
      const { RequestId: _, ...example } = examples[action].response as Record<string, unknown>
      expect(Object.keys(answer).sort()).toEqual([...Object.keys(example), 'RequestId'].sort())
      for (const [key, value] of Object.entries(example)) expect(typeof answer[key], key).toBe(typeof value)
      // The sample's TaskId was a past task; the listing is the sample itself.
      if (action === 'DescribeInstanceBackups') expect(answer).toMatchObject(example)
    },
  )
})

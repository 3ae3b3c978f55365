import { afterEach, describe, expect, it, vi } from 'vitest'
import { NetworkError } from '../errors.ts'
import { defaultTransport } from './web.ts'

afterEach(() => vi.unstubAllGlobals())

const request = {
  action: 'DescribeInstanceBackups' as const,
  url: 'https://redis.tencentcloudapi.com/',
  headers: { 'Content-Type': 'application/json' },
  body: '{}',
}

describe('the web transport', () => {
  it('uses the global fetch of the moment (so MSW or a polyfill installed later is honoured)', async () => {
    const fetch = vi.fn(
      async () =>
        new Response('{"Response":{}}', { status: 200, headers: { Date: 'Mon, 25 Feb 2019 16:44:25 GMT' } }),
    )
    vi.stubGlobal('fetch', fetch)
    const response = await defaultTransport(request, new AbortController().signal)
    expect(response).toEqual({
      status: 200,
      date: 'Mon, 25 Feb 2019 16:44:25 GMT',
      retryAfter: null,
      location: null,
      body: '{"Response":{}}',
    })
    // Not following redirects: a 3xx is read as an answer, never sent on.
    expect(fetch).toHaveBeenCalledWith(
      request.url,
      expect.objectContaining({ method: 'POST', body: '{}', redirect: 'manual' }),
    )
  })

  it('says a refused connection never reached the server, and assumes a bare failure might have', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    })
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(refused)),
    )
    await expect(defaultTransport(request, new AbortController().signal)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
      mayHaveReachedServer: false,
    })
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    )
    const error = await defaultTransport(request, new AbortController().signal).catch((e) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.mayHaveReachedServer).toBe(true)
  })
})

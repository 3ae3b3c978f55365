// The browser build in Debian's Chromium, on a page that is not a secure context: a plain-http origin other than
// localhost (a LAN address, a docker-compose name such as http://app:3000). Browsers give such a page `crypto` but no
// `crypto.subtle`, so the client cannot sign: that must be a ConfigurationError saying why, before anything is sent.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
// The page's program, bundled from source as a browser bundler would (the `browser` condition: fetch, WebCrypto).
const program = `
import { ConfigurationError, CrsKitError, RedisClient } from './src/index.ts'
window.describeBackups = async () => {
  const client = new RedisClient({
    region: 'ap-guangzhou',
    endpoint: location.origin,
    credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' },
    maxAttempts: 1,
  })
  try {
    return { total: (await client.describeInstanceBackups({ InstanceId: 'crs-5a4py64p' })).TotalCount }
  } catch (error) {
    return {
      name: error.name,
      message: error.message,
      configuration: error instanceof ConfigurationError,
      crsKit: error instanceof CrsKitError,
    }
  }
}
`

let server: http.Server
let port: number
let apiCalls = 0
// Answer the API call with a redirect, as an http endpoint in front of https would.
let redirect = false
let browser: Browser

beforeAll(async () => {
  const bundle = await build({
    stdin: { contents: program, resolveDir: join(here, '..'), loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    conditions: ['crs-kit-source', 'browser'],
    target: 'es2022',
    logLevel: 'silent',
  })
  const script = bundle.outputFiles[0]!.text
  server = http.createServer((req, res) => {
    req.resume()
    if (req.method === 'POST' && redirect) {
      apiCalls++
      res.writeHead(301, { location: 'https://redis.tencentcloudapi.com/' })
      res.end()
    } else if (req.method === 'POST') {
      apiCalls++
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"Response":{"TotalCount":0,"BackupSet":[],"RequestId":"req-1"}}')
    } else if (req.url === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' })
      res.end(script)
    } else {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<!doctype html><script type="module" src="/app.js"></script>')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // app.test is this server under a name that is not loopback: what a LAN or compose host name is to a browser.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP app.test 127.0.0.1'],
  })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
})

async function callFrom(origin: string) {
  const page = await browser.newPage()
  try {
    await page.goto(`${origin}/`)
    await page.waitForFunction(() => 'describeBackups' in window)
    return {
      secure: await page.evaluate(() => window.isSecureContext),
      result: await page.evaluate(() =>
        (window as unknown as { describeBackups: () => unknown }).describeBackups(),
      ),
    }
  } finally {
    await page.close()
  }
}

describe('the browser build in Chromium', () => {
  it('signs and calls from a secure page (loopback)', async () => {
    apiCalls = 0
    expect(await callFrom(`http://127.0.0.1:${port}`)).toEqual({ secure: true, result: { total: 0 } })
    expect(apiCalls).toBe(1)
  })

  it('names a redirect it was not to follow, which the browser shows as status 0 and no body', async () => {
    apiCalls = 0
    redirect = true
    try {
      const { result } = await callFrom(`http://127.0.0.1:${port}`)
      expect(result).toMatchObject({
        name: 'ResponseError',
        message: 'DescribeInstanceBackups: HTTP 0, a redirect, not followed (check the endpoint): ""',
        crsKit: true,
      })
      expect(apiCalls).toBe(1)
    } finally {
      redirect = false
    }
  })

  it('refuses with a ConfigurationError naming the cause on a plain-http page of another host, sending nothing', async () => {
    apiCalls = 0
    const { secure, result } = await callFrom(`http://app.test:${port}`)
    expect(secure).toBe(false)
    expect(result).toEqual({
      name: 'ConfigurationError',
      message: expect.stringMatching(/crypto\.subtle.*https/),
      configuration: true,
      crsKit: true,
    })
    expect(apiCalls).toBe(0)
  })
})

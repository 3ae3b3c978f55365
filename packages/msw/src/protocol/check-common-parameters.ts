import { type ActionName, actions, isFinancialRegion, regions, service } from '@crs-kit/core'
import type { CallError, IncomingCall } from './incoming-call.ts'

const knownRegions: ReadonlySet<string> = new Set(regions)
const languages = new Set(['zh-CN', 'en-US'])
const tencentHost = /\.tencentcloudapi\.com$/
const regionalHost = /^redis\.([a-z0-9-]+)\.tencentcloudapi\.com$/

const isOtherTencentHost = (host: string, region: string) =>
  tencentHost.test(host) && host !== `redis.${region}.tencentcloudapi.com`

/** Action, Version, Region and Language, checked as the service does once the caller is known. */
export function checkCommonParameters(
  call: IncomingCall,
): { action: ActionName; region: string } | CallError {
  const name = (p: string) => (call.form === 'v1' ? p : `X-TC-${p}`)
  const { action, version, region, language } = call
  if (!action) return { code: 'MissingParameter', message: `the request is missing ${name('Action')}` }
  if (!Object.hasOwn(actions, action)) {
    return {
      code: 'InvalidAction',
      message: `the action ${JSON.stringify(action.slice(0, 80))} does not exist`,
    }
  }
  if (!version) return { code: 'MissingParameter', message: `the request is missing ${name('Version')}` }
  if (version !== service.version) {
    return {
      code: 'NoSuchVersion',
      message: `version ${JSON.stringify(version.slice(0, 40))} does not exist; use ${service.version}`,
    }
  }
  if (!region) return { code: 'MissingParameter', message: `the request is missing ${name('Region')}` }
  if (!knownRegions.has(region)) {
    return {
      code: 'UnsupportedRegion',
      message: `${action} is not available in region ${JSON.stringify(region.slice(0, 40))}`,
    }
  }
  // Financial regions are isolated: on a real Tencent host their calls must go to their own host.
  if (isFinancialRegion(region) && isOtherTencentHost(call.url.hostname, region)) {
    return {
      code: 'UnsupportedRegion',
      message: `region ${region} is only served by redis.${region}.tencentcloudapi.com`,
    }
  }
  // And the other way: a financial region's host serves that region only.
  const hostRegion = regionalHost.exec(call.url.hostname)?.[1]
  if (hostRegion !== undefined && hostRegion !== region && isFinancialRegion(hostRegion)) {
    return {
      code: 'UnsupportedRegion',
      message: `redis.${hostRegion}.tencentcloudapi.com serves region ${hostRegion} only, not ${region}`,
    }
  }
  if (language !== undefined && !languages.has(language)) {
    return { code: 'InvalidParameterValue', message: `${name('Language')} must be zh-CN or en-US` }
  }
  return { action: action as ActionName, region }
}

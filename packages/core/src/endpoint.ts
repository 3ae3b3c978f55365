import { financialRegions, regions, serviceHosts } from './generated/service.gen.ts'

/** Financial regions are isolated: their requests must go to their own host. */
export function isFinancialRegion(region: string): boolean {
  return (financialRegions as readonly string[]).includes(region)
}

/**
 * The host a request for `region` goes to.
 * @example hostForRegion('ap-shanghai-fsi') // 'redis.ap-shanghai-fsi.tencentcloudapi.com'
 */
export function hostForRegion(region: string, options: { intl?: boolean; regional?: boolean } = {}): string {
  if (isFinancialRegion(region) || options.regional) return serviceHosts.regional.replace('{region}', region)
  return options.intl ? serviceHosts.intl : serviceHosts.default
}

/** Every host the service answers on: default, intl, and each region's own. */
export function allServiceHosts(): string[] {
  return [
    serviceHosts.default,
    serviceHosts.intl,
    ...regions.map((r) => hostForRegion(r, { regional: true })),
  ]
}

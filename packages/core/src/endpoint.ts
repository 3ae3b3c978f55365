import { regions, service } from './generated/service.gen.ts'

const financial: ReadonlySet<string> = new Set(service.financialRegions)

/** Financial regions are isolated: their requests must go to their own host. */
export function isFinancialRegion(region: string): boolean {
  return financial.has(region)
}

/**
 * The host a request for `region` goes to.
 * @example hostForRegion('ap-shanghai-fsi') // 'redis.ap-shanghai-fsi.tencentcloudapi.com'
 */
export function hostForRegion(region: string, options: { intl?: boolean; regional?: boolean } = {}): string {
  if (isFinancialRegion(region) || options.regional) return service.hosts.regional.replace('{region}', region)
  return options.intl ? service.hosts.intl : service.hosts.default
}

/** Every host the service answers on: default, intl, and each region's own. */
export function allServiceHosts(): string[] {
  return [
    service.hosts.default,
    service.hosts.intl,
    ...regions.map((r) => hostForRegion(r, { regional: true })),
  ]
}

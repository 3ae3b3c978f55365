import type {
  ActionName,
  DescribeInstanceBackupsErrorCode,
  ManualBackupInstanceErrorCode,
  RedisBackupSet,
  Region,
} from '@crs-kit/core'
import { describe, expectTypeOf, it } from 'vitest'
import { type CrsKitError, RedisClient, TencentCloudError } from './index.ts'
import type { PageItem } from './page-item.ts'

describe('types', () => {
  it('types an API error code from the action', () => {
    const check = (error: unknown) => {
      if (!TencentCloudError.is(error, 'ManualBackupInstance')) return
      expectTypeOf(error.code).toEqualTypeOf<ManualBackupInstanceErrorCode>()
      expectTypeOf(error.action).toEqualTypeOf<'ManualBackupInstance'>()
      expectTypeOf(error.name).toEqualTypeOf<'TencentCloudError'>()
      // @ts-expect-error not a code of this action
      error.code === 'ResourceNotFound.NoSuchThing'
    }
    check(undefined)
  })

  it("types the code after instanceof as every action's codes, so a misspelling fails to compile", () => {
    const check = (error: unknown) => {
      if (!(error instanceof TencentCloudError)) return
      expectTypeOf(error.code).toEqualTypeOf<
        ManualBackupInstanceErrorCode | DescribeInstanceBackupsErrorCode
      >()
      expectTypeOf(error.action).toEqualTypeOf<ActionName>()
      expectTypeOf(error).toExtend<CrsKitError>()
      // @ts-expect-error a misspelt code (the service's is ResourceUnavailable.InstanceLockedError)
      error.code === 'ResourceUnavailable.InstanceLockedErr'
    }
    check(undefined)
    // The constructor keeps its action's codes.
    const made = new TencentCloudError({ action: 'ManualBackupInstance', code: 'InternalError', message: '' })
    expectTypeOf(made.code).toEqualTypeOf<ManualBackupInstanceErrorCode>()
  })

  it('types methods and pages from the contract', () => {
    const client = new RedisClient({ region: 'ap-guangzhou' })
    expectTypeOf(client.manualBackupInstance)
      .returns.resolves.toHaveProperty('TaskId')
      .toEqualTypeOf<number>()
    expectTypeOf<PageItem<'DescribeInstanceBackups'>>().toEqualTypeOf<RedisBackupSet>()
    expectTypeOf(client.paginateDescribeInstanceBackups({ InstanceId: 'x' })).toEqualTypeOf<
      AsyncIterableIterator<RedisBackupSet>
    >()
    // A listing can start (resume) at an Offset; the paginator moves it on from there.
    expectTypeOf(client.paginateDescribeInstanceBackups)
      .parameter(0)
      .toHaveProperty('Offset')
      .toEqualTypeOf<number | undefined>()
  })
  it('offers the spec regions for region and accepts a region opened later', () => {
    type RegionOption = ConstructorParameters<typeof RedisClient>[0]['region']
    // Every region of the spec is a literal of the option (an editor lists them), not only `string`.
    expectTypeOf<Extract<RegionOption, 'ap-shanghai-fsi'>>().toEqualTypeOf<'ap-shanghai-fsi'>()
    expectTypeOf<Region>().toExtend<RegionOption>()
    expectTypeOf(new RedisClient({ region: 'ap-jakarta' }).region).toExtend<string>()
    // @ts-expect-error a region is a string
    new RedisClient({ region: 1 })
  })
})

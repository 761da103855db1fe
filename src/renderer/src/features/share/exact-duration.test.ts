import { describe, expect, it } from 'vitest'
import { parseExactDuration, toExactDuration } from './exact-duration'

describe('exact duration field', () => {
  it('shows a lifetime in the largest unit that divides it', () => {
    expect(toExactDuration(60)).toEqual({ amount: '1', unit: 'minutes' })
    expect(toExactDuration(5_400)).toEqual({ amount: '90', unit: 'minutes' })
    expect(toExactDuration(7_200)).toEqual({ amount: '2', unit: 'hours' })
    expect(toExactDuration(194_400)).toEqual({ amount: '54', unit: 'hours' })
    expect(toExactDuration(604_800)).toEqual({ amount: '7', unit: 'days' })
  })

  it('reads whole and decimal amounts in each unit', () => {
    expect(parseExactDuration('1', 'minutes')).toEqual({ ok: true, seconds: 60 })
    expect(parseExactDuration('1.5', 'hours')).toEqual({ ok: true, seconds: 5_400 })
    expect(parseExactDuration(' 7 ', 'days')).toEqual({ ok: true, seconds: 604_800 })
    expect(parseExactDuration('10080', 'minutes')).toEqual({ ok: true, seconds: 604_800 })
  })

  it('refuses what S3 would refuse, saying which limit', () => {
    expect(parseExactDuration('0.9', 'minutes')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/at least 1 minute/)
    })
    expect(parseExactDuration('169', 'hours')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/168 hours/)
    })
    expect(parseExactDuration('10081', 'minutes')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/10,080 minutes/)
    })
    for (const bad of ['', 'abc', '-1', '0']) {
      expect(parseExactDuration(bad, 'hours')).toMatchObject({
        ok: false,
        message: expect.stringMatching(/Enter how long/)
      })
    }
  })
})

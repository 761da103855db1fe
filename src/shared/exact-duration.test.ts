import { describe, expect, it } from 'vitest'
import { parseDurationText, parseExactDuration, toExactDuration } from './exact-duration'

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

describe('lifetime typed on the command line', () => {
  it('reads a number with a unit, or seconds alone', () => {
    expect(parseDurationText('1h')).toEqual({ ok: true, seconds: 3_600 })
    expect(parseDurationText('7d')).toEqual({ ok: true, seconds: 604_800 })
    expect(parseDurationText('90m')).toEqual({ ok: true, seconds: 5_400 })
    expect(parseDurationText('90min')).toEqual({ ok: true, seconds: 5_400 })
    expect(parseDurationText('3600')).toEqual({ ok: true, seconds: 3_600 })
    expect(parseDurationText('30s')).toEqual({ ok: true, seconds: 30 })
    expect(parseDurationText('1.5h')).toEqual({ ok: true, seconds: 5_400 })
    expect(parseDurationText(' 2 Days ')).toEqual({ ok: true, seconds: 172_800 })
    expect(parseDurationText('1')).toEqual({ ok: true, seconds: 1 })
  })

  it('keeps to the 1 second to 7 days SigV4 allows, saying which limit', () => {
    expect(parseDurationText('8d')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/at most 7 days/)
    })
    expect(parseDurationText('604801')).toMatchObject({ ok: false })
    expect(parseDurationText('0.4s')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/at least 1 second/)
    })
  })

  it('refuses what is not a lifetime, with examples', () => {
    for (const bad of ['', 'soon', '1w', '-5m', '0', 'h', '1h30m']) {
      expect(parseDurationText(bad)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/is not a lifetime.*90m, 1h, 7d/)
      })
    }
  })
})

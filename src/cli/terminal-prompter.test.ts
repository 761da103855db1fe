import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { PromptQuestion } from '../shared/prompts'
import { createTerminalPrompter } from './terminal-prompter'

const question: PromptQuestion = {
  kind: 'mfa-code',
  profileId: 'admin',
  mfaSerial: 'arn:aws:iam::123456789012:mfa/dev-phone'
}

/** A terminal: stdin the test types into, stderr it reads. */
function terminal(isTTY = true) {
  const input = Object.assign(new PassThrough(), { isTTY })
  const output = new PassThrough()
  let written = ''
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')))
  return {
    streams: { input, output },
    type: (text: string) => input.write(text),
    written: () => written
  }
}

describe('asking in the terminal', () => {
  it('reads an MFA code typed at the prompt', async () => {
    const tty = terminal()
    const prompter = createTerminalPrompter(tty.streams)

    const asked = prompter.ask(question)
    await expect.poll(tty.written).toContain('MFA code for profile admin')
    tty.type('123456\n')

    await expect(asked).resolves.toEqual({ status: 'answered', code: '123456' })
    expect(tty.written()).toContain('arn:aws:iam::123456789012:mfa/dev-phone')
  })

  it('asks again after something that is not a code, and gives up after three tries', async () => {
    const tty = terminal()
    const prompter = createTerminalPrompter(tty.streams)

    const asked = prompter.ask(question)
    tty.type('12345\n')
    await expect.poll(tty.written).toContain('That is not a 6-digit code.')
    tty.type('abcdef\n')
    tty.type('1234567\n')

    await expect(asked).resolves.toEqual({ status: 'cancelled' })
  })

  it('fails at once, saying why, when stdin is not a terminal', async () => {
    const tty = terminal(false)
    const prompter = createTerminalPrompter(tty.streams)

    await expect(prompter.ask(question)).resolves.toEqual({
      status: 'unavailable',
      reason: expect.stringContaining('s3-share is not running in a terminal')
    })
    expect(tty.written()).toBe('')
  })

  it('prints the sign-in code and waits until the sign-in is done', async () => {
    const tty = terminal(false)
    const prompter = createTerminalPrompter(tty.streams)
    const done = new AbortController()

    const shown = prompter.ask(
      {
        kind: 'sso-device-code',
        profileId: 'dev',
        userCode: 'BCDF-GHJK',
        verificationUri: 'https://device.sso.eu-west-2.amazonaws.com/',
        expiresAt: new Date(Date.now() + 600_000).toISOString()
      },
      { signal: done.signal, timeoutMs: 600_000 }
    )
    await expect.poll(tty.written).toContain('BCDF-GHJK')
    done.abort()

    await expect(shown).resolves.toEqual({ status: 'withdrawn' })
    expect(tty.written()).toContain('https://device.sso.eu-west-2.amazonaws.com/')
  })

  it('asks one question at a time', async () => {
    const tty = terminal()
    const prompter = createTerminalPrompter(tty.streams)

    const first = prompter.ask(question)
    const second = prompter.ask({ ...question, profileId: 'ops' })
    await expect.poll(tty.written).toContain('profile admin')
    expect(tty.written()).not.toContain('profile ops')
    tty.type('111111\n')
    await expect(first).resolves.toEqual({ status: 'answered', code: '111111' })
    await expect.poll(tty.written).toContain('profile ops')
    tty.type('222222\n')

    await expect(second).resolves.toEqual({ status: 'answered', code: '222222' })
  })
})

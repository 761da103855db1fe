import { version } from '../../package.json'
import { isAppError } from '../shared/errors'
import { cleanForMessage, quoteForMessage } from '../shared/user-text'
import { UsageError } from './args'
import type { CliIo, CommandContext } from './context'
import { EXIT, exitCodeFor, type ExitCode } from './exit-codes'
import { COMMAND_HELP, MAIN_HELP } from './help'
import { clearExpiredCommand, forgetCommand, linksCommand } from './registry-commands'
import type { OpenServices } from './services'
import { urlCommand } from './url-command'

export type { CliIo } from './context'

type Command = (argv: readonly string[], context: CommandContext) => Promise<ExitCode>

const COMMANDS: Readonly<Record<string, Command>> = {
  url: urlCommand,
  links: linksCommand,
  forget: forgetCommand,
  'clear-expired': clearExpiredCommand
}

/**
 * Runs `s3-share` with its arguments (without `node` and the script) and returns the exit code.
 *
 * Never throws: every error becomes a message on stderr and an exit code from `exit-codes.ts`.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  openServices: OpenServices
): Promise<ExitCode> {
  const [command, ...rest] = argv
  try {
    if (command === undefined) {
      io.stderr.write(MAIN_HELP)
      return EXIT.usage
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      const topic = command === 'help' ? rest[0] : undefined
      io.stdout.write((topic === undefined ? undefined : COMMAND_HELP[topic]) ?? MAIN_HELP)
      return EXIT.ok
    }
    if (command === '--version' || command === '-V') {
      io.stdout.write(`${version}\n`)
      return EXIT.ok
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined
    if (run === undefined) {
      throw new UsageError(
        command.startsWith('-')
          ? `Put the command first: s3-share <command> [options] (got ${quoteForMessage(command)}).`
          : `There is no command ${quoteForMessage(command)}. The commands are url, links, forget and clear-expired.`
      )
    }
    return await run(rest, { io, openServices })
  } catch (error) {
    return report(error, io)
  }
}

function report(error: unknown, io: CliIo): ExitCode {
  if (error instanceof UsageError) {
    const help = error.command === null ? 's3-share --help' : `s3-share ${error.command} --help`
    io.stderr.write(`s3-share: ${error.message}\nSee \`${help}\`.\n`)
    return EXIT.usage
  }
  if (isAppError(error)) {
    io.stderr.write(`s3-share: ${error.message}\n`)
    return exitCodeFor(error.code)
  }
  // Not one of ours: its message may be anything, so it is cleaned and cut; never a stack.
  const detail =
    error instanceof Error ? `${error.name}: ${cleanForMessage(error.message)}` : 'unknown error'
  io.stderr.write(`s3-share: unexpected error (${detail}).\n`)
  return EXIT.unexpected
}

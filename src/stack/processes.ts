import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface RunningService {
  name: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Starts a long-running child process. Its output goes to a log file, or
 * with `inheritOutput` to this terminal, so the person who ran `npm start`
 * sees the API and worker logs.
 */
export function spawnService(
  name: string,
  command: string,
  args: string[],
  options: { logFile?: string; env?: NodeJS.ProcessEnv; inheritOutput?: boolean } = {},
): RunningService {
  let output: 'inherit' | number = 'inherit';
  if (!options.inheritOutput && options.logFile) {
    fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
    output = fs.openSync(options.logFile, 'a');
  }

  // A process group of its own, so Ctrl-C in the terminal reaches the orchestrator first and it stops children in order.
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    stdio: ['ignore', output, output],
    detached: true,
  });

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        return;
      }
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

/** Waits until something accepts TCP connections on the port, or fails when the process exits or time runs out. */
export async function waitForPort(port: number, service: RunningService | null, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service && service.process.exitCode !== null) {
      throw new Error(`${service.name} exited with code ${service.process.exitCode} before listening on port ${port}`);
    }
    if (await canConnect(port)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${service?.name ?? 'service'} did not listen on 127.0.0.1:${port} within ${timeoutMs / 1000} s`);
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Asks the operating system for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

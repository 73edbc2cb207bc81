// Type declarations of runy's service-file API, for editors (completion and
// checking). Copy this file (and jsconfig.json) next to your service files.
//
//   import { service } from "runy";   // or use the global `service`

declare namespace runy {
  /** Options of `service(name, options)`. */
  interface ServiceOptions {
    /** Start the service when runyd starts. Default false. */
    autostart?: boolean;
    /** Shown by `runy status`. */
    description?: string;
    /** Services started, and ready, before this one's run() begins. */
    dependsOn?: string[];
  }

  /** Crash-loop throttle: after `crashLoopAfter` (5) exits in a row within
   *  `crashLoopUptime` (1000 ms) of their start, restarts wait 1 s, 2 s, 4 s
   *  ... up to `crashLoopMaxDelay` (30000 ms). 0 turns it off. */
  interface CrashLoopOptions {
    crashLoopAfter?: number;
    crashLoopUptime?: number;
    crashLoopMaxDelay?: number;
  }

  /** Restart policies. Delays are in milliseconds. */
  type RestartPolicy =
    | { kind: "never"; resetAfter?: number }
    | ({ kind: "always"; maxRestarts?: number; resetAfter?: number } & CrashLoopOptions)
    | ({
        kind: "fixed";
        /** Before each restart. Default 1000. */
        delay?: number;
        /** Unlimited when absent; after this many restarts the next exit leaves the process failed. */
        maxRestarts?: number;
        /** A process up this long has its restart count reset. Default 60000. */
        resetAfter?: number;
        /** 0..1: the fraction of each delay drawn at random (downward). */
        jitter?: number;
      } & CrashLoopOptions)
    | ({
        kind: "exponential";
        /** Delay before the first restart. Default 1000. */
        initialDelay?: number;
        /** The cap. Default 30000. */
        maxDelay?: number;
        /** >= 1. Default 2. The n-th delay is min(initialDelay * multiplier^(n-1), maxDelay). */
        multiplier?: number;
        maxRestarts?: number;
        resetAfter?: number;
        jitter?: number;
      } & CrashLoopOptions);

  /** Options of `ctx.process(options)`. */
  interface ProcessOptions {
    /** Unique across the daemon: [A-Za-z0-9][A-Za-z0-9._-]* */
    alias: string;
    /** Looked up on PATH, executed directly (never through a shell). */
    cmd: string;
    /** Numbers and booleans are written as a shell would (8500 → "8500"). */
    args?: Array<string | number | boolean>;
    /** Default { kind: "never" }. */
    restart?: RestartPolicy;
    /** Globs (relative to cwd); a change to a matching file restarts the process. */
    watch?: string[];
    /** Globs excluded from watch (.git/, node_modules/ and editor files always are). */
    ignore?: string[];
    /** Milliseconds a burst of changes is merged into one restart, saves
     * included. Default: a completed save restarts 2 ms after it, other
     * changes 50 ms after the burst. */
    watchDebounce?: number;
    /** Default: the service file's directory. */
    cwd?: string;
    /** Added to runyd's environment. */
    env?: Record<string, string | number | boolean>;
    /** Default "SIGTERM". */
    stopSignal?: string | number;
    /** Milliseconds after stopSignal before SIGKILL. Default 10000. */
    stopTimeout?: number;
    /** Held `starting` until this passes; then `running`. */
    ready?: Probe;
    /** Checked while running; failing `failureThreshold` times in a row
     *  stops it and its restart policy decides. No `log` kind. */
    health?: Probe;
    /** Decides what one unexpected exit does, in place of the policy; a
     *  hook that throws or takes over 5 s leaves it to the policy. */
    onExit?: (exit: {
      code: number | null; signal: string | null; uptime: number;
      restarts: number; lastLines: string[];
    }) => ExitDecision | Promise<ExitDecision>;
    /** Decides what a watched change does, instead of a restart. */
    onWatch?: (paths: string[]) =>
      WatchDecision | Promise<WatchDecision>;
  }

  /** Probe timings, in milliseconds. */
  interface ProbeTimings {
    /** Between attempts: 250 (ready), 10000 (health). */
    interval?: number;
    /** Before the first attempt. */
    initialDelay?: number;
    /** ready: how long readiness may take in all (no limit by default);
     *  health: each attempt's limit (5000). */
    timeout?: number;
    /** health only: failures in a row that restart it. Default 3. */
    failureThreshold?: number;
  }

  type Probe =
    | (ProbeTimings & { http: string })
    | (ProbeTimings & { tcp: string })
    | (ProbeTimings & { log: RegExp | string })
    | (ProbeTimings & { exec: { cmd: string; args?: Array<string | number>;
                                cwd?: string; env?: Record<string, string> } })
    | (ProbeTimings & { fn: () => boolean | Promise<boolean> })
    | (() => boolean | Promise<boolean>);

  type WatchDecision = "restart" | "ignore" | { signal: string };
  type ExitDecision = { restart: true; delay?: number } | { restart: false };

  type ProcessState =
    | "starting" | "running" | "backoff" | "stopping" | "stopped"
    | "exited" | "failed";

  /** What `ctx.process()` resolves to. The getters are live. */
  interface ProcessHandle {
    readonly alias: string;
    /** Of the current instance; 0 when none runs. */
    readonly pid: number;
    readonly state: ProcessState;
    readonly restarts: number;
    /** Its instances so far. */
    readonly run: number;
    /** Resolves once it is running (past its `ready` probe); rejects when
     *  it ends before. */
    ready(): Promise<void>;
    /** The end of its current instance (or the last one when none runs). */
    exited(): Promise<ExecResult>;
    /** The first line of its current instance that matches. */
    waitForLog(pattern: RegExp | string,
               options?: { timeout?: number }): Promise<string>;
    /** Resolves once stopped. */
    stop(): Promise<void>;
    /** Resolves once the new instance is spawned. */
    restart(): Promise<void>;
    signal(name: string): Promise<void>;
  }

  /** Options of `ctx.exec(options)`: a one-shot command, output to the service log. */
  interface ExecOptions {
    cmd: string;
    /** Numbers and booleans are written as a shell would (8500 → "8500"). */
    args?: Array<string | number | boolean>;
    cwd?: string;
    env?: Record<string, string | number | boolean>;
    /** Milliseconds before the command is killed. */
    timeout?: number;
  }

  interface ExecResult {
    /** The exit code, or null when killed by a signal. */
    code: number | null;
    /** e.g. "SIGKILL", or null. */
    signal: string | null;
  }

  /** What `s.run(fn)` hands to fn each time the service starts. */
  interface Context {
    /** Defines a supervised process and starts it; resolves once it has been spawned. */
    /** Runs `job` on a cron schedule ("*/5 * * * *", local time) or an
     *  interval ({ every: "10m" }) while the service runs; a run due while
     *  the previous one goes on is skipped unless `overlap`. */
    schedule(when: string | { every: string | number },
             job: () => unknown | Promise<unknown>,
             options?: { overlap?: boolean }): void;
    process(options: ProcessOptions): Promise<ProcessHandle>;
    /** Runs a one-shot command; not supervised, not restarted. */
    exec(options: ExecOptions): Promise<ExecResult>;
    sleep(ms: number): Promise<void>;
    /** Writes a line to the service's log. */
    log(...values: unknown[]): void;
    /** runyd's environment. */
    readonly env: Record<string, string>;
    /** The service's name (it reads as a string), and a way to wait for
     *  another service: `await ctx.service("db").ready()`. */
    readonly service: string &
      ((name: string) => { name: string; ready(): Promise<void> });
    /** The service file's directory. */
    readonly dir: string;
  }

  interface ProcessEvent {
    alias: string;
    state: ProcessState;
    pid: number;
    run: number;
    restarts: number;
    code: number | null;
    signal: string | null;
    reason: string;
  }

  interface Service {
    readonly name: string;
    /** Declares what the service runs; called each time it starts. */
    run(fn: (ctx: Context) => Promise<void> | void): Service;
    /** Called when one of its processes changes; "failed" also when its
     *  run() fails (then with `{service, error}`). */
    on(event: "exit" | "restart" | "ready" | "failed",
       fn: (event: ProcessEvent, ctx: Context) => void | Promise<void>): Service;
  }
}

/** Declares a service. Names are unique across all service files. */
declare function service(name: string, options?: runy.ServiceOptions): runy.Service;

declare module "runy" {
  export const service: (name: string, options?: runy.ServiceOptions) => runy.Service;
  const _default: { service: typeof service };
  export default _default;
}

import { Cause, type Exit, Layer, Logger, Option, References, Tracer } from "effect"
import { inspect } from "node:util"

export interface RecordedSpan {
  readonly name: string
  readonly kind: Tracer.SpanKind
  readonly attributes: Map<string, unknown>
  readonly events: Array<{ readonly name: string; readonly attributes: Record<string, unknown> }>
  exit: Exit.Exit<unknown, unknown> | undefined
}

/** A tracer that keeps every span, with its attributes and events, for assertions. */
export const recordingTracer = () => {
  const spans: Array<RecordedSpan> = []
  let ids = 0
  const tracer = Tracer.make({
    span({ annotations, kind, links, name, parent, sampled, startTime }) {
      const recorded: RecordedSpan = { name, kind, attributes: new Map(), events: [], exit: undefined }
      spans.push(recorded)
      const spanId = `span${++ids}`
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId,
        traceId: Option.match(parent, { onNone: () => `trace${ids}`, onSome: (p) => p.traceId }),
        parent,
        annotations,
        status: { _tag: "Started", startTime },
        attributes: recorded.attributes,
        links: [...links],
        sampled,
        kind,
        end: (_endTime, exit) => {
          recorded.exit = exit
        },
        attribute: (key, value) => {
          recorded.attributes.set(key, value)
        },
        event: (eventName, _startTime, attributes) => {
          recorded.events.push({ name: eventName, attributes: attributes ?? {} })
        },
        addLinks: () => {}
      }
      return span
    }
  })
  return { spans, layer: Layer.succeed(Tracer.Tracer, tracer) }
}

/** A logger that keeps every formatted line, at every level. */
export const recordingLogger = () => {
  const lines: Array<string> = []
  const logger = Logger.map(Logger.formatLogFmt, (line) => {
    lines.push(line)
  })
  return {
    lines,
    layer: Layer.mergeAll(Logger.layer([logger]), Layer.succeed(References.MinimumLogLevel, "All"))
  }
}

/** Every way an error can be printed. */
export const renderings = (error: unknown): ReadonlyArray<string> => [
  error instanceof Error ? error.message : "",
  String(error),
  JSON.stringify(error),
  inspect(error, { depth: 10 }),
  Cause.pretty(Cause.fail(error))
]

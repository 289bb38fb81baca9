/**
 * What operators watch (issue 5, item 4): Micrometer meters published on
 * {@code /actuator/prometheus}, the health components the readiness probe is made of, and the
 * message context of log lines. Counters count an outcome where the gateway decides it, once:
 * {@link vn.customs.swg.monitoring.OutcomeCounters} is called from those few places and decides
 * every tag value itself, so no partner input can create a time series. The Camel flows are
 * observed from outside their route files: {@link vn.customs.swg.monitoring.StepTimers} times each
 * bean step of the inbound and outbound flow and {@link vn.customs.swg.monitoring.FlowPolicy} the
 * whole flow, counts the inbound verdict and keeps {@link vn.customs.swg.monitoring.MessageLogContext}
 * (messageId and partner in the SLF4J MDC) for the exchange's lifetime. The route files stay the
 * readable order of the security steps. docs/operations.md lists every meter and component.
 */
package vn.customs.swg.monitoring;

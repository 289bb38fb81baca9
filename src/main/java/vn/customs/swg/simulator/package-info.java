/**
 * A demo stand-in for the three customs back-ends behind the gateway (licensing, e-payment,
 * ASW/origin), active only with the Spring profile {@code demo}. It reads what the gateway
 * forwards to {@code customs.licensing.in}, {@code customs.payments.in} and {@code customs.asw.in},
 * decides as a back-end would (a small in-memory declaration ledger for payments) and puts an
 * unsigned reply on {@code swg.outbound}, as ENVELOPE.md section 7 tells back-ends to. It is
 * tooling for demonstrations and end-to-end tests, not part of the gateway's wiring: nothing in the
 * gateway depends on it, and it refuses to start together with the {@code prod} profile.
 */
package vn.customs.swg.simulator;

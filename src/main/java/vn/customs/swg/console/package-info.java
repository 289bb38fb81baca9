/**
 * The operator web console, served by the gateway itself at {@code /console} (ARCHITECTURE.md,
 * issue 5): server-rendered Thymeleaf pages with their CSS, a little vanilla JavaScript and inline
 * SVG charts, all served from the jar, because the customs networks are closed and nothing may
 * come from a CDN. Each controller renders one page from the services that own the data (partner
 * directory and expiry watch, delivery store, Micrometer registry, message search); the console
 * owns no data of its own and changes only one thing, the replay of a dead letter.
 *
 * <p>What the console relies on: operators sign in through Spring Security (form login at
 * {@code /console/login}, CSRF tokens on every POST), so {@link
 * vn.customs.swg.console.ConsoleOperator} can read the signed-in name and roles from the request.
 * A replay is checked here as well as in the security filter chain: the button is shown, and the
 * POST accepted, only for the OPERATOR role.
 */
package vn.customs.swg.console;

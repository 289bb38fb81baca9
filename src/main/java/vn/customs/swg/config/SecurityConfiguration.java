package vn.customs.swg.config;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults;

import jakarta.servlet.DispatcherType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.Http403ForbiddenEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vn.customs.swg.config.GatewayProperties.OperatorRole;
import vn.customs.swg.security.BrowserWrite;
import vn.customs.swg.security.LoginLog;
import vn.customs.swg.security.ManagementServerRequest;
import vn.customs.swg.security.OperatorAccounts;

/**
 * Who may call what. Five filter chains, tried in this order, each for its own part of the
 * gateway:
 *
 * <ol>
 *   <li><b>Management port</b> (every request arriving there, see {@link ManagementServerRequest}):
 *       {@code health} (with its probes) and {@code prometheus} open to probes and scrapers; every
 *       other actuator endpoint needs an operator's HTTP Basic login, GET as AUDITOR, POST and
 *       DELETE as OPERATOR; anything else on that port is refused.
 *   <li><b>Partner API</b> {@code /api/v1/**}: no session, no CSRF, nothing asked of the caller
 *       here, exactly as before operators existed: partners prove who they are by the signature on
 *       each message and, on a TLS connector, by their registered TLS client certificate (checked
 *       by the message endpoint itself, {@code channel.HttpMessageChannel}: the connector only
 *       "wants" one, so the inbox and the console work without); the pull inbox checks its bearer
 *       token itself. Operator logins open nothing here.
 *   <li><b>Admin API</b> {@code /api/admin/**}: for scripts, HTTP Basic, no session; GET as AUDITOR,
 *       writes as OPERATOR; writes sent by a browser ({@link BrowserWrite}) are refused, because
 *       Basic credentials a browser cached would otherwise be sent on another site's form post.
 *   <li><b>Console</b> {@code /console/**}: form login at {@code /console/login} (view
 *       {@code console/login}; POST {@code username}, {@code password} and {@code _csrf} there;
 *       {@code ?error} after a failed attempt, {@code ?logout} after POST {@code /console/logout}),
 *       session, CSRF on; GET as AUDITOR, every other method as OPERATOR; {@code /console/assets/**}
 *       open for the login page's styles. Browser navigation without a session goes to the login
 *       page; any request carrying an {@code Authorization} header, or not asking for HTML, gets a
 *       bare 401 instead (a partner's token is never answered with a login form).
 *   <li><b>Everything else</b>: {@code /error} open, anything unmapped refused.
 * </ol>
 *
 * <p>A request with an Authorization header that is not a valid operator credential (a partner's
 * pull token on an admin path) is answered 401, never redirected. Operator accounts come from
 * {@code gateway.operators} ({@link OperatorAccounts}); in the prod profile their passwords must be
 * slow salted hashes ({@link ProductionGuard#checkOperators}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  static final String REALM = "swg-operators";
  public static final String CONSOLE_LOGIN = "/console/login";

  @Bean
  InMemoryUserDetailsManager operatorAccounts(GatewayProperties properties, Environment environment) {
    if (Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
      ProductionGuard.checkOperators(properties);
    }
    InMemoryUserDetailsManager accounts = OperatorAccounts.of(properties.operators());
    if (properties.operators().isEmpty()) {
      log.warn("no gateway.operators configured: the console, the admin API and the protected actuator"
          + " endpoints refuse everyone until operator accounts are added");
    } else {
      var byRole = new LinkedHashMap<OperatorRole, Long>();
      properties.operators().forEach((name, operator) -> byRole.merge(operator.role(), 1L, Long::sum));
      log.info("operator accounts: {}", byRole);
    }
    return accounts;
  }

  @Bean
  LoginLog loginLog() {
    return new LoginLog();
  }

  /** The management port: probes and scrapers in, everything else by operator login. */
  @Bean
  @Order(1)
  SecurityFilterChain managementChain(HttpSecurity http) throws Exception {
    stateless(http)
        // EndpointRequest as well, for an installation that runs the actuator on the main port
        .securityMatcher(new OrRequestMatcher(new ManagementServerRequest(), EndpointRequest.toAnyEndpoint()))
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(EndpointRequest.to("health", "prometheus")).permitAll()
            .requestMatchers(EndpointRequest.toAnyEndpoint().withHttpMethod(HttpMethod.GET)).hasRole(OperatorAccounts.AUDITOR)
            .requestMatchers(EndpointRequest.toAnyEndpoint().withHttpMethod(HttpMethod.HEAD)).hasRole(OperatorAccounts.AUDITOR)
            .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(OperatorAccounts.OPERATOR)
            .anyRequest().denyAll())
        .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(basicEntryPoint()))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(basicEntryPoint()));
    return http.build();
  }

  /** Partners: authenticated by their signatures and pull tokens, not by this filter chain. */
  @Bean
  @Order(2)
  SecurityFilterChain partnerChain(HttpSecurity http) throws Exception {
    stateless(http)
        .securityMatcher(withDefaults().matcher("/api/v1/**"))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
    return http.build();
  }

  /** The admin JSON API: scripts with HTTP Basic. */
  @Bean
  @Order(3)
  SecurityFilterChain adminApiChain(HttpSecurity http) throws Exception {
    stateless(http)
        .securityMatcher(withDefaults().matcher("/api/admin/**"))
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(new BrowserWrite()).denyAll()
            .requestMatchers(withDefaults().matcher(HttpMethod.GET, "/api/admin/**")).hasRole(OperatorAccounts.AUDITOR)
            .requestMatchers(withDefaults().matcher(HttpMethod.HEAD, "/api/admin/**")).hasRole(OperatorAccounts.AUDITOR)
            .anyRequest().hasRole(OperatorAccounts.OPERATOR))
        .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(basicEntryPoint()))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(basicEntryPoint()));
    return http.build();
  }

  /** The operator console: form login, session, CSRF. */
  @Bean
  @Order(4)
  SecurityFilterChain consoleChain(HttpSecurity http) throws Exception {
    http.securityMatcher(withDefaults().matcher("/console/**"))
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(withDefaults().matcher(CONSOLE_LOGIN), withDefaults().matcher("/console/assets/**"))
            .permitAll()
            .requestMatchers(withDefaults().matcher(HttpMethod.GET, "/console/**")).hasRole(OperatorAccounts.AUDITOR)
            .requestMatchers(withDefaults().matcher(HttpMethod.HEAD, "/console/**")).hasRole(OperatorAccounts.AUDITOR)
            .requestMatchers(withDefaults().matcher(HttpMethod.POST, "/console/logout")).authenticated()
            .anyRequest().hasRole(OperatorAccounts.OPERATOR))
        .formLogin(form -> form
            .loginPage(CONSOLE_LOGIN)
            .defaultSuccessUrl("/console")
            .failureUrl(CONSOLE_LOGIN + "?error"))
        .logout(logout -> logout
            .logoutUrl("/console/logout")
            .logoutSuccessUrl(CONSOLE_LOGIN + "?logout"))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(consoleEntryPoint()));
    return http.build();
  }

  /** Whatever no other chain claims: the error page, and nothing else. */
  @Bean
  @Order(5)
  SecurityFilterChain fallbackChain(HttpSecurity http) throws Exception {
    stateless(http)
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(withDefaults().matcher("/error")).permitAll()
            .anyRequest().denyAll())
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(new Http403ForbiddenEntryPoint()));
    return http.build();
  }

  /** The login page is a template the console provides ({@code templates/console/login.html}). */
  @Bean
  WebMvcConfigurer consoleLoginView() {
    // A view controller ranks below @RequestMapping methods: a console controller of its own wins.
    return new WebMvcConfigurer() {
      @Override
      public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController(CONSOLE_LOGIN).setViewName("console/login");
      }
    };
  }

  private static HttpSecurity stateless(HttpSecurity http) throws Exception {
    // No session and no cookie: nothing a browser would send along by itself, so no CSRF exposure.
    return http
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable);
  }

  private static AuthenticationEntryPoint basicEntryPoint() {
    BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
    entryPoint.setRealmName(REALM);
    return entryPoint;
  }

  /**
   * Login form for a browser that navigates to a console page without a session; a bare 401 for a
   * request that carries credentials of its own (a partner's token is not a console login) or
   * does not ask for HTML (scripts, fetches).
   */
  private static AuthenticationEntryPoint consoleEntryPoint() {
    AuthenticationEntryPoint unauthorized = new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED);
    MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
    html.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
    var entryPoints = new LinkedHashMap<RequestMatcher, AuthenticationEntryPoint>();
    entryPoints.put(new RequestHeaderRequestMatcher(HttpHeaders.AUTHORIZATION), unauthorized);
    entryPoints.put(html, new LoginUrlAuthenticationEntryPoint(CONSOLE_LOGIN));
    DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(entryPoints);
    entryPoint.setDefaultEntryPoint(unauthorized);
    return entryPoint;
  }
}

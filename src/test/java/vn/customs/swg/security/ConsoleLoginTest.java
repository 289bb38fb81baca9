package vn.customs.swg.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.config.SecurityConfiguration;
import vn.customs.swg.delivery.DeadLetterReplay;
import vn.customs.swg.operations.AdminApiController;
import vn.customs.swg.operations.PartnerOverview;
import vn.customs.swg.store.search.MessageSearch;
import vn.customs.swg.testsupport.OperatorLogin;

/**
 * The console's login as the security configuration sets it up, with the dev accounts: form
 * login with CSRF and a session, where a login lands, logout, what an auditor's session may not
 * do, and that nothing but the form logs in to the console. The console's pages and its login
 * template are the console's own; this tests the doors, not the rooms.
 */
@WebMvcTest(controllers = AdminApiController.class)
@Import(SecurityConfiguration.class)
@EnableConfigurationProperties(GatewayProperties.class)
@ActiveProfiles("dev")
class ConsoleLoginTest {

  @Autowired MockMvc mvc;
  @MockitoBean MessageSearch search;
  @MockitoBean DeadLetterReplay deadLetters;
  @MockitoBean PartnerOverview partners;
  @MockitoBean Clock clock;

  @Test
  void anOperatorLogsInWithTheFormAndLandsOnTheConsole() throws Exception {
    mvc.perform(formLogin("/console/login").user("operator").password("dev-only-operator"))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/console"))
        .andExpect(authenticated().withUsername("operator").withRoles("AUDITOR", "OPERATOR"));
  }

  @Test
  void aWrongPasswordGoesBackToTheFormWithAnError() throws Exception {
    mvc.perform(formLogin("/console/login").user("operator").password("dev-only-auditor"))
        .andExpect(redirectedUrl("/console/login?error"))
        .andExpect(unauthenticated());
  }

  @Test
  void aLoginWithoutTheFormsCsrfTokenIsRefused() throws Exception {
    mvc.perform(post("/console/login").param("username", "operator").param("password", "dev-only-operator"))
        .andExpect(status().isForbidden())
        .andExpect(unauthenticated());
  }

  @Test
  void aBrowserWithoutSessionIsSentToTheLoginPageAndComesBackAfterwards() throws Exception {
    MockHttpSession session = new MockHttpSession();
    mvc.perform(get("/console/messages").session(session).accept("text/html"))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/console/login"));

    mvc.perform(post("/console/login").session(session)
            .param("username", "auditor").param("password", "dev-only-auditor").with(csrf()))
        .andExpect(redirectedUrl("http://localhost/console/messages?continue"));
  }

  @Test
  void scriptsAndTokensGetA401NotALoginForm() throws Exception {
    mvc.perform(get("/console/messages"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().doesNotExist("Location"));
    mvc.perform(get("/console/messages").accept("text/html").header("Authorization", OperatorLogin.PARTNER_BEARER))
        .andExpect(status().isUnauthorized())
        .andExpect(header().doesNotExist("Location"));
    mvc.perform(get("/console/messages").accept("text/html").with(httpBasic("operator", "dev-only-operator")))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void anAuditorsSessionMayLookButNotChange() throws Exception {
    MockHttpSession auditor = loggedIn("auditor", "dev-only-auditor");
    MockHttpSession operator = loggedIn("operator", "dev-only-operator");

    mvc.perform(post("/console/deadletters/7/replay").session(auditor).with(csrf()))
        .andExpect(status().isForbidden());
    // authorised: no console page is mapped in this test, so the request gets as far as a 404
    mvc.perform(post("/console/deadletters/7/replay").session(operator).with(csrf()))
        .andExpect(status().isNotFound());
    mvc.perform(post("/console/deadletters/7/replay").session(operator))
        .andExpect(status().isForbidden());
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    MockHttpSession session = loggedIn("auditor", "dev-only-auditor");

    mvc.perform(post("/console/logout").session(session).with(csrf()))
        .andExpect(redirectedUrl("/console/login?logout"));
    mvc.perform(get("/console").session(session).accept("text/html"))
        .andExpect(redirectedUrl("http://localhost/console/login"));
  }

  private MockHttpSession loggedIn(String user, String password) throws Exception {
    return (MockHttpSession) mvc.perform(formLogin("/console/login").user(user).password(password))
        .andExpect(authenticated())
        .andReturn().getRequest().getSession();
  }
}

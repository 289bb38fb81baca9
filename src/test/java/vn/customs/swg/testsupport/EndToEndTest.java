package vn.customs.swg.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * A gateway on its real wiring (HTTP, Camel routes, embedded Artemis, H2, dev PKI) on a random
 * port, with an in-memory broker and database so test classes do not see each other's messages.
 * Classes with this annotation share one application context. The profile is dev without demo:
 * the back-end simulator would otherwise take messages off the queues these tests inspect.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ActiveProfiles("dev")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:swg-e2e;DB_CLOSE_DELAY=-1",
    "spring.artemis.embedded.persistent=false",
    "spring.artemis.embedded.server-id=7"
})
public @interface EndToEndTest {}

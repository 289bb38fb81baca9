package vn.customs.swg.corpus;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The gateway's clock standing at {@link CorpusWriter#AT}, the instant the corpus was signed at,
 * so clock skew (SWG-ENV-006) masks no case. Imported by {@link HostileCorpusIT} and given as a
 * source to the gateway the corpus benchmark starts; a top-level test configuration, so no other
 * test context picks it up by scanning.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CorpusClock {

  @Bean
  @Primary
  Clock clockAtCorpusInstant() {
    return Clock.fixed(CorpusWriter.AT, ZoneId.of("Asia/Ho_Chi_Minh"));
  }
}

package vn.customs.swg.simulator;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the demo back-end simulator, {@code gateway.simulator.*}; read only with the
 * {@code demo} profile. The queues it consumes are the catalogue's back-end queues of
 * LICENCE_RESULT, TAX_PAYMENT_NOTICE and EFORM_D/ACDD, not settings of their own.
 *
 * @param outboundQueue where back-ends put messages for partners (ARCHITECTURE.md, Queues)
 * @param customsOffice office (Chi cuc) code that answers ACDDs, and dossiers not linked to a
 *     declaration in the simulator's ledger
 */
@Validated
@ConfigurationProperties(prefix = "gateway.simulator")
public record SimulatorProperties(
    @DefaultValue("swg.outbound") @NotBlank String outboundQueue,
    @DefaultValue("02CI") @Pattern(regexp = "[0-9A-Z]{4}([0-9A-Z]{2})?") String customsOffice) {}

package vn.customs.swg.monitoring;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * One flow step with its timer: records how long the step took, failed or not, and then puts what
 * the flow now knows about its message into the log context, before the error handler (which wraps
 * this) logs a failure. Asynchronous steps are timed until their callback.
 */
final class TimedStep extends DelegateAsyncProcessor {

  private final Timer timer;
  private final Flow flow;

  TimedStep(Processor step, Timer timer, Flow flow) {
    super(step);
    this.timer = timer;
    this.flow = flow;
  }

  @Override
  public boolean process(Exchange exchange, AsyncCallback callback) {
    long start = System.nanoTime();
    return processor.process(exchange, doneSync -> {
      timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      flow.publishLogContext(exchange);
      callback.done(doneSync);
    });
  }

  @Override
  public String toString() {
    return "TimedStep[" + processor + "]";
  }
}

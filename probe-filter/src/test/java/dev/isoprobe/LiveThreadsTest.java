package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LiveThreadsTest {

  @Test
  void listsTheThreadOfARunningCheckUntilShutdownEndsIt() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    Probes probes = Probes.builder()
        .deadlockCheck(false)
        .deadline(Duration.ofSeconds(5))
        .check(Check.builder("db", ctx -> {
          entered.countDown();
          never.await();
          return CheckResult.up();
        }).build())
        .build();
    try (TestServer server = TestServer.start(probes)) {
      server.getAsync("/readyz");
      assertThat(entered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      assertThat(probes.liveThreads()).extracting(Thread::getName).contains("isoprobe-check-1");

      assertThat(probes.shutdown(Duration.ofSeconds(2))).isTrue();
      await().atMost(Duration.ofSeconds(2)).until(() -> probes.liveThreads().isEmpty());
    }
  }
}

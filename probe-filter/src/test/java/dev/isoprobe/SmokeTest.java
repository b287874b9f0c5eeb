package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SmokeTest {

  @Test
  void answersReadinessWithOk() throws Exception {
    Probes probes = Probes.builder()
        .check(Check.builder("db", ctx -> CheckResult.up()).build())
        .build();
    try (TestServer server = TestServer.start(probes)) {
      HttpResponse<String> response = server.get("/readyz");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("ok");
      assertThat(server.get("/business/x").body()).isEqualTo(TestServer.BUSINESS_BODY);
    }
  }
}

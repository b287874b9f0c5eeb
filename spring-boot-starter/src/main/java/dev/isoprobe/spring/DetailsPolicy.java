package dev.isoprobe.spring;

import dev.isoprobe.DetailsAuthorizer;
import dev.isoprobe.Probes;
import dev.isoprobe.ShowDetails;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns {@code isoprobe.details}, {@code isoprobe.details-roles} and
 * {@code isoprobe.details-token.*} into the core's {@link ShowDetails} and
 * {@link DetailsAuthorizer}.
 */
final class DetailsPolicy {

  static final String TOKEN_VALUE = "isoprobe.details-token.value";

  private DetailsPolicy() {}

  /**
   * Sets who sees details on {@code builder}: {@code authorizer} when there is one (a bean of the
   * application's), else the roles and token the properties give, made to see the principal
   * {@code scope} establishes.
   *
   * @param authorizer the application's own authorizer, or null
   * @param scope what lets an authorizer see a principal established after isoprobe's filter, or
   *     null when nothing does
   * @throws InvalidConfigurationPropertyValueException if details are shown when authorized but
   *     nothing authorizes a caller
   * @throws IllegalStateException if the token is shorter than 16 characters
   */
  static void apply(IsoprobeProperties properties, DetailsAuthorizer authorizer,
      PrincipalScope scope, Probes.Builder builder) {
    DetailsAuthorizer chosen = authorizer != null ? authorizer : fromProperties(properties);
    builder.showDetails(switch (properties.getDetails()) {
      case NEVER -> ShowDetails.NEVER;
      case ALWAYS -> ShowDetails.ALWAYS;
      case WHEN_AUTHORIZED -> ShowDetails.WHEN_AUTHORIZED;
    });
    if (properties.getDetails() != IsoprobeProperties.Details.WHEN_AUTHORIZED) {
      return;
    }
    if (chosen == null) {
      throw new InvalidConfigurationPropertyValueException("isoprobe.details", "when-authorized",
          "nothing authorizes a caller (expected: isoprobe.details-roles, " + TOKEN_VALUE
              + " or a DetailsAuthorizer bean)");
    }
    builder.detailsAuthorizer(scope == null ? chosen : scope.around(chosen));
  }

  /** Returns an authorizer that accepts any of the roles or the token, or null if none is set. */
  static DetailsAuthorizer fromProperties(IsoprobeProperties properties) {
    List<DetailsAuthorizer> any = new ArrayList<>();
    properties.getDetailsRoles().forEach(role -> any.add(DetailsAuthorizer.role(role)));
    IsoprobeProperties.DetailsToken token = properties.getDetailsToken();
    if (token.getValue() != null) {
      if (token.getValue().length() < 16) {
        // Its length, never the value: this message is logged.
        throw new IllegalStateException(TOKEN_VALUE + ": " + token.getValue().length()
            + " characters (expected: at least 16)");
      }
      any.add(DetailsAuthorizer.headerToken(token.getHeader(), token.getValue()));
    }
    if (any.isEmpty()) {
      return null;
    }
    return any.size() == 1 ? any.get(0)
        : request -> any.stream().anyMatch(authorizer -> authorizer.isAuthorized(request));
  }
}

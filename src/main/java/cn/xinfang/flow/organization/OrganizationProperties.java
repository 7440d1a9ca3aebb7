package cn.xinfang.flow.organization;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Where the org chart comes from and whether demo users (password "demo") are created.
 *
 * @param file the organization YAML; the demo county ships in the jar
 * @param demoUsers create the users of the file with the password {@code demo}; off in production
 */
@ConfigurationProperties("xinfang.organization")
public record OrganizationProperties(Resource file, boolean demoUsers) {}

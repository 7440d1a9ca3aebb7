package cn.xinfang.flow.casefile;

import org.springframework.boot.test.context.SpringBootTest;

/** The case file contract on the zero-install database (H2). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:case-file-api-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false",
    "xinfang.cases.export-cap=3"})
class CaseFileApiTest extends CaseFileApiContract {}

package cn.xinfang.flow.statistics;

import org.springframework.boot.test.context.SpringBootTest;

/** 统计分析 on the zero-install database (H2). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:statistics-api-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false"})
class StatisticsApiTest extends StatisticsApiContract {}

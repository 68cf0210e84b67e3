/**
 * Building blocks every module may use: typed ids, the clock, problem details, paging, the data
 * source and encryption at rest. No business logic lives here, and this module depends on no other.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.gatehouse.shared;

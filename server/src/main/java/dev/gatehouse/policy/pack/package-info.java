/** The policy pack model, its parser with line-numbered errors, and the catalogue of mechanisms. */
@org.springframework.modulith.NamedInterface("pack")
package dev.gatehouse.policy.pack;

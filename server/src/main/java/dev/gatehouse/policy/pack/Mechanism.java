package dev.gatehouse.policy.pack;

import java.util.Map;

/** A mechanism Gatehouse implements, with the parameters a clause may set. */
public record Mechanism(String id, MechanismKind kind, String summary, Map<String, ParamType> params) {
}

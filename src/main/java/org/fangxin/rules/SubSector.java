package org.fangxin.rules;

/** A sector's products for one audience, named so that rule rows can be written for it (e.g. YOUTH_SPORTS). */
public record SubSector(String code, String sector, Audience audience, String name) { }

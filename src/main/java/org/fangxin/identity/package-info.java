/**
 * Identity and access: users and their roles, password and one-time-code login, bearer tokens and API keys, and the
 * {@link org.fangxin.identity.Actor} every other module checks ownership against.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package org.fangxin.identity;

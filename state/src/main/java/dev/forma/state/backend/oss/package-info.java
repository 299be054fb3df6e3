/**
 * Terraform's {@code oss} backend: states in an Alibaba Cloud OSS bucket, in Terraform's layout, so
 * Terraform and Forma read each other's states ({@link dev.forma.state.backend.oss.OssBackend}),
 * with a lock object beside each state written with {@code x-oss-forbid-overwrite} and a journal of
 * one object per change ({@link dev.forma.state.backend.oss.OssStateStore}); settings and the small
 * credential chain (block, environment, {@code ~/.aliyun/config.json}) in {@link
 * dev.forma.state.backend.oss.OssSettings}; OSS4-HMAC-SHA256 signing and the HTTP calls (OkHttp) in
 * package-private classes.
 *
 * <p>Owns OSS calls, objects, the lock object and the journal objects. Must not interpret the state
 * beyond serial and lineage, must not encode bytes itself (that is {@code codec}) nor encrypt them
 * (that is the {@code StateEncryption} it is given), must not print or log a credential. Must not
 * depend on the engine or on the alicloud provider: the credential chain here duplicates, in small,
 * the provider's.
 */
package dev.forma.state.backend.oss;

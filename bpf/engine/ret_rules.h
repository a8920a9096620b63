/* --monitor's return rules in the kernel: the host writes each trace's clauses (engine.h's nt_ret_rule) from the
 * .rules files, and a returning call is abnormal when any clause has all its terms true. */
#ifndef NT_RET_RULES_H
#define NT_RET_RULES_H

#include "engine.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, NT_RET_TRACES);
	__type(key, __u32);
	__type(value, struct nt_ret_rule);
} nt_ret_rules SEC(".maps");

static __always_inline bool nt_term_true(const struct nt_ret_term *t, __u64 rax)
{
	/* As user space reads it: an int in eax when the upper half is clear. */
	__s64 v = rax >> 32 ? (__s64)rax : (__s64)(__s32)rax;
	if (t->view == NT_VIEW_LOW8)
		v = rax & 0xff;
	else if (t->view == NT_VIEW_HIGH16)
		v = (rax >> 16) & 0xffff;
	switch (t->op) {
	case NT_OP_EQ: return v == t->value;
	case NT_OP_NE: return v != t->value;
	case NT_OP_LT: return v < t->value;
	case NT_OP_LE: return v <= t->value;
	case NT_OP_GT: return v > t->value;
	default: return v >= t->value;
	}
}

/* --monitor: does this return make the call abnormal by its trace's rules? */
static __always_inline bool nt_abnormal_return(__u16 trace, __u64 rax)
{
	__u32 key = trace;
	const struct nt_ret_rule *rule = bpf_map_lookup_elem(&nt_ret_rules, &key);
	if (!rule)
		return false;
	for (int c = 0; c < NT_RET_CLAUSES; c++) {
		if (c >= rule->nclauses)
			break;
		const struct nt_ret_clause *clause = &rule->clauses[c];
		bool all = true;
		for (int t = 0; t < NT_RET_TERMS; t++) {
			if (t >= clause->nterms)
				break;
			if (!nt_term_true(&clause->terms[t], rax)) {
				all = false;
				break;
			}
		}
		if (all)
			return true;
	}
	return false;
}

#endif

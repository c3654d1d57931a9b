-- Population: postings stating an entry level (seniority is NULL where none is stated). Hit: no required experience (silent, zero years, or only preferred).
SELECT posting_id,
       coalesce(experience_years_min, 0) = 0 OR coalesce(experience_requirement, '') <> 'required' AS hit
FROM v_claim_population
WHERE seniority = 'entry'
